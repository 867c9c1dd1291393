package org.hotline12333.telephony.ami;

import java.time.Instant;

/**
 * Where one AMI connection stands.
 *
 * @param up      logged in and answering
 * @param since   when it came to this state
 * @param reason  why it is down (null when up)
 * @param version the Asterisk version it reported (null when down)
 */
record NodeState(boolean up, Instant since, String reason, String version) {

    static NodeState up(String version, Instant since) {
        return new NodeState(true, since, null, version);
    }

    static NodeState down(String reason, Instant since) {
        return new NodeState(false, since, reason, null);
    }
}
