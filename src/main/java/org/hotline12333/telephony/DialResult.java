package org.hotline12333.telephony;

/**
 * How a dial ended, from Dial's result and Asterisk's DIALSTATUS.
 *
 * <p>There is deliberately no talk time here: Asterisk 22's ANSWEREDTIME counts from the caller channel's own
 * answer, not from the dialled party's (32 s in a recorded call whose conversation lasted 8 s). When the dialled
 * party answered comes from AMI (DialEnd ANSWER).
 *
 * @param callerHungUp the caller's channel was gone when Dial returned: they hung up while the phone rang
 *                     (DIALSTATUS CANCEL) or during the conversation (Dial returned -1 with ANSWER). The call
 *                     channel is then gone too: no further command is sent.
 */
public record DialResult(DialStatus status, boolean callerHungUp) {

    public boolean answered() {
        return status == DialStatus.ANSWER;
    }
}
