package org.hotline12333.outreach;

import java.time.Instant;

/**
 * The SMS gateway as the outbox sees it. {@link SmppGateway} speaks SMPP 3.4 to a carrier's SMSC or an SMS gateway;
 * receipts and citizens' messages come back through the {@link Inbox} the outbox gives it.
 */
interface SmsGateway {

    /** Submits one segment; returns the gateway's id of it, which its delivery receipt will name. */
    String submit(String to, SmsEncoding.Coding coding, SmsEncoding.Segment segment) throws SubmitFailed;

    Status status();

    void inbox(Inbox inbox);

    /** What the gateway sends back. Each method may throw: the gateway is then asked to deliver it again later. */
    interface Inbox {

        /** A delivery receipt: the segment {@code gatewayId} reached the phone, or not ({@code state}). */
        void receipt(String gatewayId, String state, String error);

        /** A citizen's message to the centre's number: a reply, or 退订 (TD). */
        void message(String from, String text);
    }

    /** @param bound whether messages can be submitted now; {@code reason} says why not */
    record Status(boolean enabled, boolean bound, String reason, Instant since, String gateway) {
    }

    /** Why a submit did not return a gateway id, and so what the outbox does with the segment. */
    enum Failure {
        /** Not bound: nothing was sent; try again once bound. */
        LINK_DOWN,
        /** ESME_RTHROTTLED: not taken; the link rests, then the same segment goes again. */
        THROTTLED,
        /** Refused for a passing reason (queue full, system error): not taken; retried later, a few times. */
        TEMPORARY,
        /** Refused for good (a bad number, a bad message): not taken; never retried. */
        REFUSED,
        /** Sent but never answered: the gateway may have taken it. Not retried by itself: someone decides. */
        UNCERTAIN
    }

    final class SubmitFailed extends Exception {

        private final Failure failure;

        SubmitFailed(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }
}
