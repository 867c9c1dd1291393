package org.hotline12333.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.LiveChannels;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.hotline12333.telephony.SpyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Listen, whisper (提醒) and barge: AMI Originate rings the supervisor's phone and, once answered, runs ChanSpy on the
 * agent's leg of the call ({@link PbxActions#spy}). The supervisor's channel gets a unique id chosen here, so it can
 * be found again: a mode change is the key ChanSpy's {@code d} option listens for (4 listen, 5 whisper, 6 barge), sent
 * as if the supervisor's phone had pressed it (AMI PlayDTMF, Receive); before the supervisor has answered, the ringing
 * channel is hung up and rung again in the new mode instead. Stopping hangs the supervisor's channel up. Asterisk finds
 * a channel by unique id when no channel has that name, so the id is all the service needs. Every session and each
 * mode it was in is stored ({@link MonitorLog}); sessions end by themselves when the supervisor hangs up or the call
 * ends.
 */
@Service
class Monitoring implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);
    /** How long the supervisor's phone rings (PbxActions.spy). */
    private static final Duration RING_TIME = Duration.ofSeconds(30);
    private static final Map<SpyMode, Character> KEYS = Map.of(SpyMode.LISTEN, '4', SpyMode.WHISPER, '5',
            SpyMode.BARGE, '6');

    private final CallRecords records;
    private final SupervisorPhones phones;
    private final MonitorLog sessions;
    private final PbxActions pbx;
    private final LiveChannels channels;
    private final Floor floor;
    private final Clock clock;
    /** Open sessions: id → the spy channel's unique id and the call, so hang-ups are matched without the database. */
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    private record Open(long id, String node, String callId, String spyChannelId, Instant startedAt) {
    }

    Monitoring(CallRecords records, SupervisorPhones phones, MonitorLog sessions, PbxActions pbx,
               LiveChannels channels, Floor floor, Clock clock) {
        this.records = records;
        this.phones = phones;
        this.sessions = sessions;
        this.pbx = pbx;
        this.channels = channels;
        this.floor = floor;
        this.clock = clock;
    }

    /** What cannot be done now (HTTP 409), with the reason. */
    static class NotNow extends RuntimeException {
        NotNow(String message) {
            super(message);
        }
    }

    /** Asterisk refused or did not answer (HTTP 502). */
    static class PbxFailed extends RuntimeException {
        PbxFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static class NotYours extends RuntimeException {
        NotYours(long id) {
            super("monitoring session " + id + " is another supervisor's");
        }
    }

    static class NoSuchSession extends RuntimeException {
        NoSuchSession(long id) {
            super("no monitoring session " + id);
        }
    }

    static class NoSuchCall extends RuntimeException {
        NoSuchCall(String callId) {
            super("no call " + callId);
        }
    }

    MonitorView start(String supervisor, String callId, SpyMode mode) {
        String phone = phones.dialable(supervisor).orElseThrow(() -> new NotNow("set your phone first (the floor page, or "
                + "PUT /api/supervision/phone {\"endpoint\":\"PJSIP/2001\"}): Asterisk rings it to let you listen"));
        CallSummary call = records.find(callId).orElseThrow(() -> new NoSuchCall(callId));
        if (!call.open()) {
            throw new NotNow("call " + callId + " has ended");
        }
        CallLegView leg = agentLeg(callId).orElseThrow(() -> new NotNow("call " + callId
                + " is not with an agent now (or Asterisk has not reported the agent's channel yet)"));
        String spyChannelId = FloorModel.SPY_PREFIX + UUID.randomUUID();
        Instant now = clock.instant();
        long id = sessions.started(supervisor, callId, leg.agent(), call.node(), phone, leg.channel(), spyChannelId,
                mode, now);
        open.put(id, new Open(id, call.node(), callId, spyChannelId, now));
        try {
            pbx.spy(call.node(), phone, leg.channel(), mode, spyChannelId);
        } catch (PbxActionException e) {
            end(id, "failed: " + e.getMessage());
            throw new PbxFailed(e.getMessage(), e);
        }
        log.info("Supervisor {} monitors call {} (agent {}) in {} mode on {}", supervisor, callId, leg.agent(), mode,
                phone);
        return published(id);
    }

    MonitorView changeMode(long id, SpyMode mode, String supervisor, boolean admin) {
        MonitorLog.Session session = mine(id, supervisor, admin);
        if (session.view().mode() == mode) {
            return session.view();
        }
        String node = session.view().node();
        String spyChannel = session.spyChannelId();
        try {
            if (answered(node, spyChannel)) {
                pbx.receiveDtmf(node, spyChannel, KEYS.get(mode));
            } else {
                String again = FloorModel.SPY_PREFIX + UUID.randomUUID();
                sessions.respied(id, again);
                open.put(id, new Open(id, node, session.view().callId(), again, session.view().startedAt()));
                hangUp(node, spyChannel, id);
                pbx.spy(node, session.view().supervisorEndpoint(), session.spiedChannel(), mode, again);
            }
        } catch (PbxActionException e) {
            throw new PbxFailed(e.getMessage(), e);
        }
        sessions.modeChanged(id, mode, clock.instant());
        log.info("Supervisor {} switched monitoring session {} to {}", supervisor, id, mode);
        return published(id);
    }

    MonitorView stop(long id, String supervisor, boolean admin) {
        MonitorLog.Session session = mine(id, supervisor, admin);
        end(id, "stopped by " + supervisor); // before the hang-up, whose event would end it as the phone's doing
        hangUp(session.view().node(), session.spyChannelId(), id);
        return sessions.find(id).orElseThrow().view();
    }

    /**
     * Ends the supervisor's own session on this call because they take the call over: their spy channel (on the
     * agent's leg, which is about to go) is hung up, and the intercept rings them again on the caller.
     */
    void endForIntercept(long id, String callId, String supervisor, boolean admin) {
        MonitorLog.Session session = mine(id, supervisor, admin);
        if (!session.view().callId().equals(callId)) {
            throw new NotNow("monitoring session " + id + " is on call " + session.view().callId() + ", not " + callId);
        }
        end(id, "taken over by " + supervisor + " (intercept)");
        hangUp(session.view().node(), session.spyChannelId(), id);
    }

    private void hangUp(String node, String spyChannel, long id) {
        try {
            pbx.hangup(node, spyChannel);
        } catch (PbxActionException e) {
            // the supervisor's channel is gone already (or never rang): nothing to hang up
            log.debug("Hanging up the channel of monitoring session {}: {}", id, e.getMessage());
        }
    }

    private MonitorLog.Session mine(long id, String supervisor, boolean admin) {
        MonitorLog.Session session = sessions.find(id).orElseThrow(() -> new NoSuchSession(id));
        if (!admin && !session.view().supervisor().equals(supervisor)) {
            throw new NotYours(id);
        }
        if (!session.view().open()) {
            throw new NotNow("monitoring session " + id + " has ended (" + session.view().endReason() + ")");
        }
        return session;
    }

    /** The agent leg the caller is talking on: answered, not ended, with its channel known. */
    private Optional<CallLegView> agentLeg(String callId) {
        return records.legs(callId).stream()
                .filter(leg -> leg.kind() == CallLegView.Kind.AGENT || leg.kind() == CallLegView.Kind.TRANSFER)
                .filter(leg -> leg.answeredAt() != null && leg.endedAt() == null && leg.channel() != null)
                .max(Comparator.comparing(CallLegView::answeredAt));
    }

    private boolean answered(String node, String uniqueId) {
        return channels.on(node).stream().anyMatch(c -> c.uniqueId().equals(uniqueId) && c.answered());
    }

    private void end(long id, String reason) {
        open.remove(id);
        if (sessions.ended(id, reason, clock.instant())) {
            published(id);
        }
    }

    private MonitorView published(long id) {
        MonitorView view = sessions.find(id).orElseThrow().view();
        floor.submit(model -> model.monitoring(view));
        return view;
    }

    // ------------------------------------------------------------------ sessions ending by themselves

    @EventListener
    void on(PbxEvent.ChannelHungUp hungUp) {
        if (hungUp.uniqueId() == null || !hungUp.uniqueId().startsWith(FloorModel.SPY_PREFIX)) {
            return;
        }
        open.values().stream().filter(s -> s.spyChannelId().equals(hungUp.uniqueId())).findFirst()
                .ifPresent(s -> end(s.id(), "the supervisor's phone hung up"));
    }

    @EventListener
    void on(CallEnded ended) {
        open.values().stream().filter(s -> s.callId().equals(ended.callId())).toList()
                .forEach(s -> end(s.id(), "the call ended"));
    }

    /**
     * After an AMI reconnect: sessions whose spy channel no longer exists on that node have ended (but not those just
     * started, whose channel Asterisk may be creating right now).
     */
    @EventListener
    void on(PbxEvent.ChannelsResynced resynced) {
        Set<String> live = resynced.channels().stream().map(LiveChannel::uniqueId).collect(Collectors.toSet());
        Instant settled = resynced.at().minus(RING_TIME);
        open.values().stream().filter(s -> s.node().equals(resynced.node()) && !live.contains(s.spyChannelId())
                        && s.startedAt().isBefore(settled))
                .toList().forEach(s -> end(s.id(), "the supervisor's channel was gone after an AMI reconnect"));
    }

    /** Sessions left open by a stop are watched again; the next AMI resync ends those that are gone. */
    @Override
    public void afterSingletonsInstantiated() {
        sessions.open().forEach(s -> open.put(s.view().id(), new Open(s.view().id(), s.view().node(),
                s.view().callId(), s.spyChannelId(), s.view().startedAt())));
    }
}
