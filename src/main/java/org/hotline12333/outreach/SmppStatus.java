package org.hotline12333.outreach;

import java.util.Map;

/** SMPP 3.4 command_status values the service meets, by name, and which of them pass. */
final class SmppStatus {

    static final int THROTTLED = 0x58;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "ESME_RINVMSGLEN"), Map.entry(0x02, "ESME_RINVCMDLEN"),
            Map.entry(0x03, "ESME_RINVCMDID"), Map.entry(0x04, "ESME_RINVBNDSTS"), Map.entry(0x05, "ESME_RALYBND"),
            Map.entry(0x08, "ESME_RSYSERR"), Map.entry(0x0A, "ESME_RINVSRCADR"), Map.entry(0x0B, "ESME_RINVDSTADR"),
            Map.entry(0x0D, "ESME_RBINDFAIL"), Map.entry(0x0E, "ESME_RINVPASWD"), Map.entry(0x0F, "ESME_RINVSYSID"),
            Map.entry(0x14, "ESME_RMSGQFUL"), Map.entry(0x45, "ESME_RSUBMITFAIL"), Map.entry(0x58, "ESME_RTHROTTLED"),
            Map.entry(0x62, "ESME_RINVEXPIRY"), Map.entry(0x64, "ESME_RX_T_APPN"), Map.entry(0x65, "ESME_RX_P_APPN"),
            Map.entry(0x66, "ESME_RX_R_APPN"), Map.entry(0xFF, "ESME_RUNKNOWNERR"));

    /** Statuses after which the same message may be taken later: the gateway's state, not the message, was wrong. */
    private static final java.util.Set<Integer> PASSING = java.util.Set.of(0x04, 0x08, 0x14, 0x45, 0x58, 0x64, 0xFF);

    private SmppStatus() {
    }

    static String name(int status) {
        return NAMES.getOrDefault(status, String.format("0x%02X", status));
    }

    static boolean passing(int status) {
        return PASSING.contains(status);
    }
}
