package org.hotline12333.outreach;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The texts the centre sends, each starting with its signature (签名, e.g. 【12333】, which carriers require) and
 * ending with where to ask. A text longer than the concatenation limit ({@code max-segments}) is refused, never cut.
 */
@Component
class SmsTemplates {

    private final OutreachProperties.Sms properties;

    SmsTemplates(OutreachProperties properties) {
        this.properties = properties.sms();
    }

    /** 一次性告知: every document for the matter at once. */
    String documentList(String title, List<String> documents) {
        StringBuilder text = new StringBuilder(properties.signature()).append("您咨询的“").append(title)
                .append("”需携带以下材料：");
        for (int i = 0; i < documents.size(); i++) {
            text.append(i + 1).append('.').append(documents.get(i).strip()).append(i + 1 < documents.size() ? "；" : "。");
        }
        return text.append("请一次备齐，详询12333。").toString();
    }

    /**
     * A department's reply: its text when it fits, else where to hear it. A confidential case's message names
     * nothing but its number: a phone's screen is seen by others.
     */
    String caseReply(String caseNumber, String reply, boolean confidential) {
        String plain = properties.signature() + "您的工单" + caseNumber + "已有答复，请致电12333并报工单编号查询。";
        if (confidential || reply == null || reply.isBlank()) {
            return plain;
        }
        String full = properties.signature() + "您的工单" + caseNumber + "已有答复：" + reply.strip() + " 如有疑问请致电12333。";
        return fits(full) ? full : plain;
    }

    boolean fits(String text) {
        return SmsEncoding.segmentsNeeded(text) <= properties.maxSegments();
    }

    /** 400 when the text needs more segments than the concatenation limit allows. */
    String checked(String text, String what) {
        int segments = SmsEncoding.segmentsNeeded(text);
        if (segments > properties.maxSegments()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, what + " would be " + text.length()
                    + " characters, " + segments + " segments of a long text message; the gateway takes at most "
                    + properties.maxSegments() + " (hotline.outreach.sms.max-segments): shorten it, or read it out");
        }
        return text;
    }
}
