package org.hotline12333.outreach;

/** Where a text message is. */
public enum SmsState {
    /** In the outbox, waiting ({@code waitingFor}: the gateway, quiet hours, a rate limit, a retry). */
    QUEUED("待发送"),
    /** Being submitted now. */
    SENDING("发送中"),
    /** Every segment taken by the gateway; no delivery receipt yet. */
    SENT("已提交"),
    /** Every segment's receipt says delivered (DELIVRD). */
    DELIVERED("已送达"),
    /** A receipt says it did not reach the phone (UNDELIV, EXPIRED, REJECTD, DELETED). */
    UNDELIVERED("未送达"),
    /** Refused by the gateway for good, or retried too often. */
    FAILED("发送失败"),
    /** A submit was never answered: the gateway may have it. Not sent again unless a supervisor says so. */
    UNCERTAIN("状态不明"),
    /** The citizen replied 退订 before it went: not sent. */
    BLOCKED("已退订");

    private final String chinese;

    SmsState(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
