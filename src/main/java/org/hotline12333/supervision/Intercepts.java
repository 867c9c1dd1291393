package org.hotline12333.supervision;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline12333.call.CallEnded;
import org.hotline12333.routing.ActionRefused;
import org.hotline12333.routing.CallControl;
import org.hotline12333.routing.CallTakeover;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Intercept (接管) and force release (强拆), as a supervisor asks for them; routing carries them out on the caller's
 * own session ({@link CallControl}). An intercept rings the supervisor's phone into a barge on the caller's channel
 * (ChanSpy {@code qEB}, AMI Originate); once Asterisk reports the supervisor spying (ChanSpyStart), the agent's leg
 * is hung up and the caller's session bridges the caller with the supervisor's channel. A monitoring session of the
 * supervisor's on the call ends first: it spies on the agent's leg, and ChanSpy ends with that leg. Every step is in
 * the audit list ({@link SupervisorActions}).
 */
@Service
class Intercepts {

    private static final Logger log = LoggerFactory.getLogger(Intercepts.class);
    private static final List<ActionView.Outcome> OPEN = List.of(ActionView.Outcome.REQUESTED, ActionView.Outcome.DONE);

    private final CallControl control;
    private final SupervisorPhones phones;
    private final SupervisorActions actions;
    private final PbxActions pbx;
    private final Monitoring monitoring;
    private final Floor floor;
    /** Intercepts whose supervisor's phone rings: by the unique id given to the supervisor's channel. */
    private final Map<String, Ringing> ringing = new ConcurrentHashMap<>();

    private record Ringing(long action, String callId, String node, String supervisor, String phone, String reason) {
    }

    Intercepts(CallControl control, SupervisorPhones phones, SupervisorActions actions, PbxActions pbx,
               Monitoring monitoring, Floor floor) {
        this.control = control;
        this.phones = phones;
        this.actions = actions;
        this.pbx = pbx;
        this.monitoring = monitoring;
        this.floor = floor;
    }

    /** Starts an intercept: the supervisor's phone rings; the rest follows Asterisk's events. */
    ActionView intercept(String supervisor, String callId, String reason, Long fromSession, boolean admin) {
        String phone = phones.dialable(supervisor).orElseThrow(() -> new Monitoring.NotNow("set your phone first "
                + "(the floor page, or PUT /api/supervision/phone): Asterisk rings it to put you through"));
        CallControl.Target target;
        try {
            target = control.interceptable(callId);
            control.standsAs(supervisor);
        } catch (ActionRefused e) { // routing refused it: listed, as every request that got that far
            actions.record(ActionView.Kind.INTERCEPT, supervisor, callId, null, reason, e.getMessage(),
                    ActionView.Outcome.FAILED);
            throw e;
        }
        if (fromSession != null) {
            monitoring.endForIntercept(fromSession, callId, supervisor, admin);
        }
        ActionView action = actions.record(ActionView.Kind.INTERCEPT, supervisor, callId, target.agent(), reason,
                "ringing " + phone + " to take the call over from agent " + target.agent(),
                ActionView.Outcome.REQUESTED);
        String spyChannelId = FloorModel.SPY_PREFIX + UUID.randomUUID();
        ringing.put(spyChannelId, new Ringing(action.id(), callId, target.node(), supervisor, phone, reason));
        try {
            pbx.bargeOnCaller(target.node(), phone, target.callerChannel(), spyChannelId);
        } catch (PbxActionException e) {
            ringing.remove(spyChannelId);
            actions.outcome(action.id(), ActionView.Outcome.FAILED, "Asterisk: " + e.getMessage());
            throw new Monitoring.PbxFailed(e.getMessage(), e);
        }
        log.info("Supervisor {} intercepts call {} from agent {}: ringing {}", supervisor, callId, target.agent(), phone);
        return action;
    }

    /** Ends a call: a waiting caller at once, one with an agent once the agent's leg is hung up. */
    ActionView release(String supervisor, String callId, String agent, String reason) {
        ActionView action = actions.record(ActionView.Kind.RELEASE, supervisor, callId,
                control.talkingWith(callId).orElse(agent), reason,
                "releasing the call", ActionView.Outcome.REQUESTED);
        try {
            CallControl.Stage stage = control.release(callId, supervisor, reason);
            log.info("Supervisor {} releases call {} ({})", supervisor, callId, stage);
            return actions.find(action.id()).orElseThrow();
        } catch (ActionRefused | PbxActionException e) {
            actions.outcome(action.id(), ActionView.Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    /** The supervisor answered and is barging on the caller: the agent drops out. */
    @EventListener
    void on(PbxEvent.SpyStarted started) {
        Ringing intercept = started.spyerUniqueId() == null ? null : ringing.remove(started.spyerUniqueId());
        if (intercept == null) {
            return;
        }
        try {
            control.intercept(intercept.callId(), intercept.supervisor(), intercept.phone(), started.spyerUniqueId(),
                    started.spyerChannel(), intercept.reason());
        } catch (ActionRefused | PbxActionException e) {
            failed(intercept, started.spyerUniqueId(), e.getMessage());
        }
    }

    /** The supervisor's phone hung up (or was never answered) before they were put through. */
    @EventListener
    void on(PbxEvent.ChannelHungUp hungUp) {
        Ringing intercept = hungUp.uniqueId() == null ? null : ringing.remove(hungUp.uniqueId());
        if (intercept != null) {
            actions.outcome(intercept.action(), ActionView.Outcome.FAILED,
                    "the supervisor's phone " + intercept.phone() + " did not answer");
        }
    }

    @EventListener
    void on(CallEnded ended) {
        ringing.entrySet().removeIf(entry -> {
            if (!entry.getValue().callId().equals(ended.callId())) {
                return false;
            }
            failed(entry.getValue(), entry.getKey(), "the call ended first");
            return true;
        });
    }

    /** What routing reports: the takeover done (or not), on the caller's session. */
    @EventListener
    void on(CallTakeover takeover) {
        ActionView.Kind kind = takeover.kind() == CallTakeover.Kind.INTERCEPT ? ActionView.Kind.INTERCEPT
                : ActionView.Kind.RELEASE;
        actions.latest(kind, takeover.callId(), null, OPEN).ifPresent(action -> actions.outcome(action.id(),
                takeover.done() ? ActionView.Outcome.DONE : ActionView.Outcome.FAILED, takeover.detail()));
        if (takeover.done() && kind == ActionView.Kind.INTERCEPT) {
            floor.submit(model -> model.intercepted(takeover.callId(), takeover.as(), takeover.at()));
        }
    }

    private void failed(Ringing intercept, String spyChannelId, String why) {
        log.info("Intercept of call {} by {} did not happen: {}", intercept.callId(), intercept.supervisor(), why);
        actions.outcome(intercept.action(), ActionView.Outcome.FAILED, why);
        try {
            pbx.hangup(intercept.node(), spyChannelId);
        } catch (PbxActionException e) {
            log.debug("Hanging up the supervisor's channel {}: {}", spyChannelId, e.getMessage());
        }
    }
}
