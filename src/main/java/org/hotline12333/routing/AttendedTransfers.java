package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.DialStatus;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Attended transfers as Asterisk 22 carries them out (checked on a real 22.10.1, see docs/routing.md), and what the
 * call record says about them, written only from what Asterisk reports:
 *
 * <ol>
 *   <li>AMI Atxfer on the agent's channel. Asterisk answers "Success" whatever happens; the consultation has really
 *       started when the agent's channel is put on hold (Hold) or the Local channel to the target appears. Without
 *       either within {@link #START_WITHIN} the agent is told at once that it did not start.</li>
 *   <li>The Local channel dials the target's phone (DialBegin: the target's channel), which answers (DialEnd
 *       ANSWER): the target agent is ON_CALL, talking with the first agent while the caller hears music.</li>
 *   <li>Completion: the service hangs up the first agent's channel; Asterisk reports AttendedTransfer (Success,
 *       the caller as transferee). Only then does the first agent's leg end and the call get its new agent, at the
 *       moment the target is with the caller (at once, or when a still-ringing target answers).</li>
 *   <li>Cancellation (AMI CancelAtxfer), or the target not answering: the agent is taken off hold (Unhold) without
 *       an AttendedTransfer, and the target is released.</li>
 * </ol>
 * The caller's own Dial stays in progress throughout and returns when their last partner hangs up.
 */
@Component
class AttendedTransfers {

    private static final Logger log = LoggerFactory.getLogger(AttendedTransfers.class);
    /** How long Asterisk may take to show a requested consultation has started. */
    static final Duration START_WITHIN = Duration.ofSeconds(5);

    private final RoutingEngine engine;
    private final CallRecords records;
    private final PbxActions pbx;
    private final Waiters waiters;
    /** Waiters by the unique id of the Local channel that dials their transfer target. */
    private final Map<String, Waiter> dialling = new ConcurrentHashMap<>();

    AttendedTransfers(RoutingEngine engine, CallRecords records, PbxActions pbx, Waiters waiters) {
        this.engine = engine;
        this.waiters = waiters;
        this.records = records;
        this.pbx = pbx;
    }

    /** Asks Asterisk for the consultation and waits until it shows it started; the target is already RESERVED. */
    void start(Waiter waiter, Consultation consultation, String context, String extension) {
        if (!waiter.consult(consultation)) {
            released(waiter, consultation, "FAILED", "a supervisor took over the call or another transfer started");
            throw waiter.takeover() != null ? Transfers.takenOver()
                    : new AgentDesk.NotNow("another attended transfer is in progress");
        }
        try {
            pbx.attendedTransfer(waiter.call.node(), consultation.agentChannel, context, extension);
            consultation.started.get(START_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            failed(waiter, consultation, "not started");
            throw new PbxActionException("Asterisk accepted the attended transfer to " + consultation.toAgent
                    + " but did not start it within " + START_WITHIN.toSeconds() + " s: the agent's leg must be "
                    + "dialled with option t and features.conf must have an atxfer code");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(waiter, consultation, "interrupted");
            throw new PbxActionException("interrupted while starting the attended transfer");
        } catch (ExecutionException | RuntimeException e) {
            failed(waiter, consultation, "FAILED");
            throw e instanceof RuntimeException runtime ? runtime : new PbxActionException(e.getMessage(), e);
        }
    }

    /** The first agent drops out: Asterisk then bridges the caller with the target (AttendedTransfer). */
    void complete(Waiter waiter, Consultation consultation) {
        pbx.hangup(waiter.call.node(), consultation.agentChannel);
    }

    void cancel(Waiter waiter, Consultation consultation) {
        consultation.cancelRequested = true;
        pbx.cancelAttendedTransfer(waiter.call.node(), consultation.agentChannel);
    }

    /** The caller's routing ended with a transfer still unfinished (the caller hung up, say): the target goes free. */
    void callEnded(Waiter waiter) {
        Consultation consultation = waiter.attended;
        if (consultation != null) {
            over(waiter, consultation, "CALLER_HUNG_UP", "the call ended during the attended transfer");
        }
    }

    @EventListener
    void on(PbxEvent.ChannelHeld held) {
        Waiter waiter = waiters.onChannel(held.node(), held.linkedId());
        Consultation consultation = waiter == null ? null : waiter.attended;
        if (consultation == null || !held.channel().equals(consultation.agentChannel)) {
            return;
        }
        if (held.held()) {
            consultation.started.complete(null);
        } else if (!consultation.transferred) {
            over(waiter, consultation, consultation.cancelRequested || consultation.targetAnswered ? "CANCELLED"
                    : "NOANSWER", consultation.cancelRequested ? "attended transfer cancelled"
                    : "the agent got the caller back");
        }
    }

    @EventListener
    void on(PbxEvent.ChannelCreated created) {
        Waiter waiter = waiters.onChannel(created.node(), created.linkedId());
        Consultation consultation = waiter == null ? null : waiter.attended;
        if (consultation != null && consultation.throughLocal(created.channel())) {
            consultation.started.complete(null);
            if (created.channel().endsWith(";2")) {
                consultation.localDialler = created.uniqueId();
                dialling.put(created.uniqueId(), waiter);
            }
        }
    }

    @EventListener
    void on(PbxEvent.DialBegan dial) {
        Waiter waiter = waiterDialling(dial.uniqueId());
        if (waiter != null && waiter.attended.targetChannel == null) {
            waiter.attended.targetChannel = dial.destinationChannel();
            records.legChannel(waiter.attended.leg, dial.destinationChannel());
        }
    }

    @EventListener
    void on(PbxEvent.DialEnded dial) {
        Waiter waiter = waiterDialling(dial.uniqueId());
        if (waiter == null || dial.status() != DialStatus.ANSWER) {
            return;
        }
        Consultation consultation = waiter.attended;
        consultation.targetAnswered = true;
        records.legAnswered(consultation.leg, dial.at());
        engine.change(consultation.toAgent, AgentStore.Transition.onCall(Set.of(AgentState.RESERVED),
                AgentState.ON_CALL, waiter.call.callId(), "consulted by " + consultation.fromAgent));
        if (consultation.transferred) {
            connect(waiter, consultation, dial.at());
        }
    }

    @EventListener
    void on(PbxEvent.AttendedTransferred transfer) {
        Waiter waiter = waiters.onChannel(transfer.node(), transfer.transfereeUniqueId());
        Consultation consultation = waiter == null ? null : waiter.attended;
        if (consultation == null || !consultation.agentChannel.equals(transfer.transfererChannel())) {
            return;
        }
        if (!transfer.success()) {
            over(waiter, consultation, "FAILED", "Asterisk reported the attended transfer failed");
            return;
        }
        consultation.transferred = true;
        Instant at = transfer.at();
        records.legEnded(waiter.legId, "TRANSFERRED", at);
        engine.startWrapUp(consultation.fromAgent, AgentStore.Transition.onCall(Set.of(AgentState.ON_CALL),
                AgentState.WRAP_UP, waiter.call.callId(), "attended transfer to " + consultation.toAgent), at,
                engine.config().wrapUp(waiter.request.skillGroup()));
        if (consultation.targetAnswered) {
            connect(waiter, consultation, at);
        }
    }

    /** The caller is with the target: from now on the call is the target's. */
    private void connect(Waiter waiter, Consultation consultation, Instant at) {
        String reason = "attended transfer from " + consultation.fromAgent;
        synchronized (waiter) {
            if (waiter.attended != consultation) {
                return;
            }
            waiter.agent = consultation.toAgent;
            waiter.legId = consultation.leg;
            waiter.agentChannel = consultation.targetChannel;
            waiter.chosenBy = ChosenBy.TRANSFER;
            waiter.reason = reason;
            waiter.attended = null;
        }
        forget(consultation);
        records.connected(waiter.call.callId(), consultation.toAgent, ChosenBy.TRANSFER.name(), reason, at);
        log.info("Call {}: agent {} took over from {} by attended transfer", waiter.call.callId(), consultation.toAgent,
                consultation.fromAgent);
    }

    /** The transfer will not happen: its leg ends, the target goes back to READY. */
    private void over(Waiter waiter, Consultation consultation, String outcome, String why) {
        synchronized (waiter) {
            if (waiter.attended != consultation) {
                return;
            }
            waiter.attended = null;
        }
        released(waiter, consultation, outcome, why);
    }

    /** The consultation's leg ends and its target goes back to READY. */
    private void released(Waiter waiter, Consultation consultation, String outcome, String why) {
        forget(consultation);
        records.legEnded(consultation.leg, outcome, engine.clock().instant());
        engine.change(consultation.toAgent, AgentStore.Transition.move(Set.of(AgentState.RESERVED,
                AgentState.ON_CALL), AgentState.READY, why));
        log.info("Call {}: attended transfer from {} to {} did not happen ({})", waiter.call.callId(),
                consultation.fromAgent, consultation.toAgent, outcome);
    }

    private void forget(Consultation consultation) {
        if (consultation.localDialler != null) {
            dialling.remove(consultation.localDialler);
        }
    }

    private void failed(Waiter waiter, Consultation consultation, String why) {
        over(waiter, consultation, "FAILED", "attended transfer " + why);
    }

    /** The waiter whose target this Local channel dials; null for any other (a dial with no caller channel too). */
    private Waiter waiterDialling(String uniqueId) {
        if (uniqueId == null) {
            return null;
        }
        Waiter waiter = dialling.get(uniqueId);
        Consultation consultation = waiter == null ? null : waiter.attended;
        return consultation != null && uniqueId.equals(consultation.localDialler) ? waiter : null;
    }
}
