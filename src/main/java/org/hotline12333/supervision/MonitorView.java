package org.hotline12333.supervision;

import java.time.Instant;
import java.util.List;
import org.hotline12333.telephony.SpyMode;

/**
 * A monitoring session as supervisors see it.
 *
 * @param supervisorEndpoint the phone the supervisor listened on
 * @param mode               the mode now (or at the end)
 * @param modes              every mode the session was in, from when to when
 * @param endReason          why it ended: stopped by the supervisor, the supervisor hung up, the call ended...
 */
record MonitorView(long id, String supervisor, String callId, String agent, String node, String supervisorEndpoint,
                   SpyMode mode, Instant startedAt, Instant endedAt, String endReason, List<Period> modes) {

    record Period(SpyMode mode, Instant from, Instant to) {
    }

    boolean open() {
        return endedAt == null;
    }
}
