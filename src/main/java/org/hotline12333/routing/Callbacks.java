package org.hotline12333.routing;

import static org.hotline12333.sql.SqlTimes.instant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Callers who chose to be called back instead of waiting, and callbacks other features ask for (a case's owner telling
 * the caller of a department's reply). A callback is stored, and dialled once an agent of its group (or the agent it is
 * for) is ready: the agent is claimed like for a caller, then AMI Originate rings the agent's phone first and, when they
 * answer, the dialplan hands that call to the service over FastAGI ({@link CallbackCall}), which records it and dials the
 * caller. Claiming the callback row is conditional too, so with several instances each callback is dialled once. How
 * the agent's ring ends, answered or not, is {@link CallbackRings}'.
 */
@Component
class Callbacks implements CallbackCalls {

    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    static final String WORK_PREFIX = "callback-";

    enum Status { PENDING, DIALLING, DIALLED, FAILED }

    record Callback(long id, String callId, String callerNumber, String group, int priority, Instant requestedAt,
                    Status status, int attempts, String agent, String lastError, String wantedAgent,
                    Instant wantedUntil, String reference) {
    }

    /** A callback to store: for the group, or for {@code agent} until {@code agentUntil}. */
    record Request(String callId, String number, String group, int priority, String agent, Instant agentUntil,
                   String reference) {
    }

    static final String CONTEXT = "hotline-outbound-call";
    private static final String COLUMNS = "id, call_id, caller_number, skill_group, priority, requested_at, status,"
            + " attempts, agent, last_error, wanted_agent, wanted_until, reference";

    private final JdbcClient db;
    private final RoutingEngine engine;
    private final AgentClaims claims;
    private final CallbackRings rings;
    private final PbxActions pbx;
    private final CallRecords records;
    private final RoutingProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private volatile Instant lastCheck = Instant.EPOCH;

    Callbacks(JdbcClient db, RoutingEngine engine, AgentClaims claims, CallbackRings rings, PbxActions pbx,
              CallRecords records, ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.claims = claims;
        this.rings = rings;
        this.engine = engine;
        this.pbx = pbx;
        this.records = records;
        this.properties = engine.properties();
        this.clock = engine.clock();
    }

    long request(Request request) {
        engine.dialStrings().outsideNumber(request.number());
        Instant now = clock.instant();
        db.sql("INSERT INTO callback_request (call_id, caller_number, skill_group, priority, requested_at, status,"
                        + " next_attempt, updated_at, wanted_agent, wanted_until, reference)"
                        + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)")
                .params(request.callId(), request.number(), request.group(), request.priority(), AgentStore.ts(now),
                        AgentStore.ts(now), AgentStore.ts(now), request.agent(), AgentStore.ts(request.agentUntil()),
                        request.reference())
                .update();
        return db.sql("SELECT MAX(id) FROM callback_request WHERE call_id = ?").param(request.callId())
                .query(Long.class).single();
    }

    List<Callback> recent(int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM callback_request ORDER BY id DESC").query(Callbacks::callback)
                .list().stream().limit(limit).toList();
    }

    Optional<Callback> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM callback_request WHERE id = ?").param(id).query(Callbacks::callback)
                .optional();
    }

    @Override
    public Optional<DialledCallback> dialled(long id) {
        return find(id).filter(c -> c.status() == Status.DIALLED && c.agent() != null).map(c -> new DialledCallback(
                c.id(), c.callId(), c.callerNumber(), c.agent(), c.reference(), "Local/"
                + engine.dialStrings().outsideNumber(c.callerNumber()) + "@" + properties.outboundContext(),
                properties.callbackCallerId(), properties.callbackRingTimeout()));
    }

    /** The agent answered: their phone's call reached the service, which may have heard nothing else of it. */
    @Override
    public void connected(long id, String callId) {
        db.sql("UPDATE callback_request SET outbound_call_id = ?, updated_at = ? WHERE id = ?")
                .params(callId, AgentStore.ts(clock.instant()), id).update();
        find(id).filter(c -> c.agent() != null).ifPresent(c -> rings.answered(WORK_PREFIX + id, c.agent()));
    }

    @Override
    public void ended(long id, String callId, boolean answered, String outcome) {
        find(id).ifPresent(c -> events.publishEvent(new CallbackEnded(id, callId, c.agent(), c.reference(), answered,
                outcome, clock.instant())));
    }

    private static Callback callback(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Callback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                instant(rs, 6), Status.valueOf(rs.getString(7)), rs.getInt(8), rs.getString(9),
                rs.getString(10), rs.getString(11), instant(rs, 12), rs.getString(13));
    }

    /** Dials the callbacks that are due and have a ready agent; run at every routing tick. */
    void dialDue() {
        Instant now = clock.instant();
        // a clock set back (NTP, or a test's clock) must not hold the checks off until it catches up again
        if (!now.isBefore(lastCheck) && now.isBefore(lastCheck.plus(properties.callbackCheckInterval()))) {
            return;
        }
        lastCheck = now;
        List<Callback> due = db.sql("SELECT " + COLUMNS + " FROM callback_request WHERE status = 'PENDING'"
                        + " AND next_attempt <= ? ORDER BY priority DESC, requested_at")
                .param(AgentStore.ts(clock.instant())).query(Callbacks::callback).list();
        for (Callback callback : due) {
            dial(callback);
        }
    }

    private void dial(Callback callback) {
        if (engine.router().anyWaitingFor(callback.group())) {
            return; // callers on the line go first
        }
        Instant now = clock.instant();
        if (!engine.dialStrings().isOutsideNumber(callback.callerNumber())) {
            setStatus(callback.id(), Status.FAILED, null, callback.attempts(), now, "not a number that can be called");
            return;
        }
        boolean forOne = callback.wantedAgent() != null && (callback.wantedUntil() == null
                || now.isBefore(callback.wantedUntil()));
        if (forOne && engine.router().agent(callback.wantedAgent()).map(AgentSnapshot::state)
                .filter(AgentState.READY::equals).isEmpty()) {
            return; // waits for its agent, touching nothing meanwhile
        }
        int claimed = db.sql("UPDATE callback_request SET status = 'DIALLING', claimed_by = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'PENDING'")
                .params(engine.instance(), AgentStore.ts(now), callback.id()).update();
        if (claimed == 0) {
            return;
        }
        String workId = WORK_PREFIX + callback.id();
        Optional<String> agent = forOne ? claims.claimAgent(callback.wantedAgent(), workId, ChosenBy.CALLBACK)
                : claims.claimFor(callback.group(), workId, ChosenBy.CALLBACK);
        if (agent.isEmpty()) {
            setStatus(callback.id(), Status.PENDING, null, callback.attempts(), now, null);
            return;
        }
        AgentSnapshot snapshot = engine.router().agent(agent.get()).orElseThrow();
        String phone;
        try {
            phone = engine.dialStrings().phone(snapshot.endpoint());
        } catch (DialStrings.Refused e) {
            engine.setAside(agent.get(), e.getMessage());
            setStatus(callback.id(), Status.PENDING, null, callback.attempts(), now, e.getMessage());
            return;
        }
        // dialled before the Originate is sent: Asterisk may answer it (not connected) before it returns
        setStatus(callback.id(), Status.DIALLED, agent.get(), callback.attempts() + 1, now, null);
        String channelId = rings.starting(workId, agent.get());
        try {
            pbx.originateToExtension(snapshot.node(), phone, CONTEXT, "s", properties.callbackCallerId(),
                    properties.callbackRingTimeout(), Map.of("HOTLINE_OUTBOUND", "callback?id=" + callback.id(),
                            "HOTLINE_ROLE", "callback", "HOTLINE_OUTBOUND_CALLERID", properties.callbackCallerId()),
                    channelId);
        } catch (PbxActionException e) {
            rings.notStarted(channelId);
            engine.release(agent.get(), "callback could not be dialled");
            boolean last = callback.attempts() + 1 >= properties.callbackMaxAttempts();
            setStatus(callback.id(), last ? Status.FAILED : Status.PENDING, agent.get(), callback.attempts() + 1,
                    now.plus(properties.callbackRetryInterval()), e.getMessage());
            log.warn("Callback #{} to {} failed: {}", callback.id(), Mask.phone(callback.callerNumber()), e.getMessage());
            return;
        }
        records.legStarted(callback.callId(), CallLegView.Kind.CALLBACK, callback.callerNumber(), agent.get(), now);
        log.info("Callback #{} to {}: agent {} rung first", callback.id(), Mask.phone(callback.callerNumber()), agent.get());
    }

    /** The callback's id in the agent's work id ({@code callback-<id>}). */
    static long idOf(String workId) {
        return Long.parseLong(workId.substring(WORK_PREFIX.length()));
    }

    /** Wrap-up time after a callback: its group's. */
    Duration wrapUpOf(String workId) {
        long id = idOf(workId);
        String group = db.sql("SELECT skill_group FROM callback_request WHERE id = ?").param(id).query(String.class)
                .optional().orElse(null);
        return group == null ? Duration.ZERO : engine.config().wrapUp(group);
    }

    /**
     * A DIALLED callback stays claimed by this instance: its ring is known only here, so if this instance is lost the
     * one taking over makes it due again ({@link LostInstanceAgents}).
     */
    private void setStatus(long id, Status status, String agent, int attempts, Instant next, String error) {
        db.sql("UPDATE callback_request SET status = ?, agent = ?, attempts = ?, next_attempt = ?, updated_at = ?,"
                        + " last_error = ?, claimed_by = ? WHERE id = ?")
                .params(status.name(), agent, attempts, AgentStore.ts(next), AgentStore.ts(clock.instant()),
                        error == null ? null : error.substring(0, Math.min(255, error.length())),
                        status == Status.DIALLED ? engine.instance() : null, id).update();
    }

    static boolean isCallback(String workId) {
        return workId != null && workId.startsWith(WORK_PREFIX);
    }
}
