package org.hotline12333.telephony;

import java.time.Duration;

/**
 * How a dial ended, from Asterisk's DIALSTATUS and ANSWEREDTIME.
 *
 * @param answeredFor how long the dialled party was connected (zero when it never answered)
 */
public record DialResult(DialStatus status, Duration answeredFor) {

    public boolean answered() {
        return status == DialStatus.ANSWER;
    }
}
