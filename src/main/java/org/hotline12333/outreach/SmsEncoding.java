package org.hotline12333.outreach;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text as an SMS gateway takes it: the data coding, and the segments of a long message, each behind the user-data
 * header (UDH) that lets the phone put them together again (3GPP TS 23.040, 8-bit reference). Chinese needs UCS2
 * (data_coding 8, UTF-16 big-endian): 70 characters in one message, 67 per segment of a long one. Text in the GSM
 * default alphabet's ASCII part goes as data_coding 0: 160 characters, 153 per segment.
 */
final class SmsEncoding {

    enum Coding {
        GSM((byte) 0x00, 160, 153), UCS2((byte) 0x08, 70, 67);

        final byte dataCoding;
        final int single;
        final int perSegment;

        Coding(byte dataCoding, int single, int perSegment) {
            this.dataCoding = dataCoding;
            this.single = single;
            this.perSegment = perSegment;
        }
    }

    /** One submit_sm's short_message; {@code udh} tells the gateway it starts with a user-data header (esm_class). */
    record Segment(int seq, byte[] payload, boolean udh) {
    }

    /** GSM characters outside the default alphabet's basic set (they take two places) or not in it at all. */
    private static final String NOT_PLAIN = "[]{}\\~^|`";

    private SmsEncoding() {
    }

    static Coding coding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 0x20 && c < 0x7f && NOT_PLAIN.indexOf(c) < 0) || c == '\n' || c == '\r';
            if (!plain) {
                return Coding.UCS2;
            }
        }
        return Coding.GSM;
    }

    /** How many segments the text needs (1 for a message that fits in one). */
    static int segmentsNeeded(String text) {
        return pieces(text, coding(text)).size();
    }

    /**
     * The segments of the text; a long one's carry {@code reference} (0–255), the same in every segment, so a
     * message resent after a restart is still put together with the segments that went before.
     */
    static List<Segment> encode(String text, int reference) {
        Coding coding = coding(text);
        List<String> pieces = pieces(text, coding);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] body = coding == Coding.UCS2 ? pieces.get(i).getBytes(StandardCharsets.UTF_16BE)
                    : pieces.get(i).getBytes(StandardCharsets.US_ASCII);
            if (pieces.size() == 1) {
                segments.add(new Segment(1, body, false));
                continue;
            }
            byte[] payload = new byte[6 + body.length];
            payload[0] = 0x05; // header length
            payload[1] = 0x00; // information element: concatenated message, 8-bit reference
            payload[2] = 0x03;
            payload[3] = (byte) reference;
            payload[4] = (byte) pieces.size();
            payload[5] = (byte) (i + 1);
            System.arraycopy(body, 0, payload, 6, body.length);
            segments.add(new Segment(i + 1, payload, true));
        }
        return segments;
    }

    /** Decodes a short_message the gateway delivered (a citizen's reply): UCS2, or else the default alphabet. */
    static String decode(byte[] message, byte dataCoding) {
        if (message == null) {
            return "";
        }
        if ((dataCoding & 0xff) == 0x08) {
            return new String(message, StandardCharsets.UTF_16BE);
        }
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    private static List<String> pieces(String text, Coding coding) {
        if (text.length() <= coding.single) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + coding.perSegment);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // a character outside the BMP is never cut in two
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
