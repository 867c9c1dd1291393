package org.hotline12333.outreach;

import java.time.Clock;
import java.util.Optional;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.routing.CallbackCalls;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallHandler;
import org.hotline12333.telephony.DialResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A callback is a call (the dialplan's {@code AGI(agi://…/callback?id=N)} once the agent answered the phone routing
 * rang): a Call record saying CALLBACK (or REPLY_CALLBACK when it tells of a case's reply) with the agent and the
 * citizen, recorded from the start like an inbound call, the citizen dialled as a leg whose outcome is Asterisk's.
 */
@Component
class CallbackCall implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(CallbackCall.class);

    private final CallbackCalls callbacks;
    private final CallRecords records;
    private final CallRecorder recorder;
    private final ContactLog contacts;
    private final Clock clock;

    CallbackCall(CallbackCalls callbacks, CallRecords records, CallRecorder recorder, ContactLog contacts,
                 Clock clock) {
        this.callbacks = callbacks;
        this.records = records;
        this.recorder = recorder;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public String script() {
        return "callback";
    }

    @Override
    public void handle(CallChannel call) {
        String callId = call.info().callId();
        Optional<CallbackCalls.DialledCallback> found = callback(call);
        if (found.isEmpty() || !call.info().fromAsterisk()) {
            log.warn("Callback call {} names no callback being dialled ({}): hung up", callId, call.info().parameters());
            call.hangup();
            return;
        }
        CallbackCalls.DialledCallback callback = found.get();
        records.outbound(callId, callback.reference() == null ? "CALLBACK" : "REPLY_CALLBACK", callback.number());
        records.connected(callId, callback.agent(), "CALLBACK", "callback #" + callback.id()
                + (callback.reference() == null ? "" : " about " + callback.reference()), clock.instant());
        callbacks.connected(callback.id(), callId);
        boolean answered = false;
        String outcome = "AGENT_HUNG_UP";
        try {
            call.answer();
            recorder.start(call);
            call.setVariable("HOTLINE_OUTBOUND_CALLERID", callback.callerId());
            long leg = records.legStarted(callId, CallLegView.Kind.CALLBACK, callback.number(), callback.agent(),
                    clock.instant());
            DialResult result = call.dial(callback.dialString(), callback.ringTimeout(), "");
            answered = result.answered();
            outcome = result.status().name();
            records.legEnded(leg, outcome, clock.instant());
            if (!result.callerHungUp()) {
                call.hangup();
            }
        } finally { // also when the agent hung up first (CallGoneException goes on to the session)
            records.routingEnded(callId, answered ? CallOutcome.ANSWERED : CallOutcome.NOT_SERVED, clock.instant());
            callbacks.ended(callback.id(), callId, answered, outcome);
            contacts.add(ContactLog.Channel.CALL, callback.reference() == null ? "CALLBACK" : "REPLY_CALLBACK",
                    callback.number(), callback.reference(), callId, "callback-" + callback.id(),
                    "agent " + callback.agent(), answered ? "the citizen answered the agent's callback"
                            : "the callback did not reach the citizen: " + outcome);
        }
    }

    private Optional<CallbackCalls.DialledCallback> callback(CallChannel call) {
        try {
            return callbacks.dialled(Long.parseLong(String.valueOf(call.info().parameter("id"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
