package org.hotline12333.supervision;

import java.util.Optional;
import java.util.function.Supplier;
import org.hotline12333.call.CallHolders;
import org.hotline12333.cluster.CommandReply;
import org.hotline12333.cluster.InstanceCommands;
import org.hotline12333.telephony.SpyMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A supervisor's action on a call runs on the instance holding it, wherever the request arrived: listening in (the
 * session then ends with the call there), taking the call over and ending it, which act through the caller's AGI
 * session. The supervisor gets the holder's answer ({@link InstanceCommands}). Changing or stopping a monitoring
 * session needs no forwarding: AMI and the session's row, which every instance reaches, are all they use.
 */
@Component
class SupervisorRelay {

    static final String MONITOR = "monitor";
    static final String INTERCEPT = "intercept";
    static final String RELEASE = "release";

    private final InstanceCommands commands;
    private final CallHolders holders;
    private final Monitoring monitoring;
    private final Intercepts intercepts;
    private final SupervisorActions actions;
    private final JsonMapper json;

    record Start(String supervisor, String callId, SpyMode mode) {
    }

    /** @param fromSession the monitoring session the supervisor takes the call over from, or null */
    record Takeover(String supervisor, String callId, String reason, Long fromSession, boolean admin) {
    }

    record Release(String supervisor, String callId, String agent, String reason) {
    }

    SupervisorRelay(InstanceCommands commands, CallHolders holders, Monitoring monitoring, Intercepts intercepts,
                    SupervisorActions actions, JsonMapper json) {
        this.commands = commands;
        this.holders = holders;
        this.monitoring = monitoring;
        this.intercepts = intercepts;
        this.actions = actions;
        this.json = json;
        commands.register(MONITOR, (payload, user) -> here(HttpStatus.CREATED,
                () -> startHere(json.readValue(payload, Start.class))));
        commands.register(INTERCEPT, (payload, user) -> here(HttpStatus.ACCEPTED,
                () -> interceptHere(json.readValue(payload, Takeover.class))));
        commands.register(RELEASE, (payload, user) -> here(HttpStatus.ACCEPTED,
                () -> releaseHere(json.readValue(payload, Release.class))));
    }

    /** 201 with the session. */
    ResponseEntity<?> start(Start start) {
        return run(start.callId(), MONITOR, start, start.supervisor(), HttpStatus.CREATED, () -> startHere(start));
    }

    /** 202 with the action as the audit list has it. */
    ResponseEntity<?> intercept(Takeover takeover) {
        return run(takeover.callId(), INTERCEPT, takeover, takeover.supervisor(), HttpStatus.ACCEPTED,
                () -> interceptHere(takeover));
    }

    /** 202 with the action as the audit list has it. */
    ResponseEntity<?> release(Release release) {
        return run(release.callId(), RELEASE, release, release.supervisor(), HttpStatus.ACCEPTED,
                () -> releaseHere(release));
    }

    private ResponseEntity<?> run(String callId, String kind, Object request, String supervisor, HttpStatus status,
                                  Supplier<Object> locally) {
        Optional<String> holder = holders.elsewhere(callId);
        if (holder.isPresent()) {
            return commands.send(holder.get(), kind, json.writeValueAsString(request), supervisor).toResponse();
        }
        return ResponseEntity.status(status).body(locally.get());
    }

    /** Started here, and on the audit list of supervisor actions. */
    private MonitorView startHere(Start start) {
        MonitorView session = monitoring.start(start.supervisor(), start.callId(), start.mode());
        MonitoringController.audit(actions, start.supervisor(), session, session.mode() + " on "
                + session.supervisorEndpoint());
        return session;
    }

    private ActionView interceptHere(Takeover takeover) {
        return intercepts.intercept(takeover.supervisor(), takeover.callId(), takeover.reason(),
                takeover.fromSession(), takeover.admin());
    }

    private ActionView releaseHere(Release release) {
        return intercepts.release(release.supervisor(), release.callId(), release.agent(), release.reason());
    }

    /** On the holding instance: the answer the endpoint gives when it runs where the request arrived. */
    private CommandReply here(HttpStatus status, Supplier<Object> action) {
        try {
            return new CommandReply(status.value(), json.writeValueAsString(action.get()));
        } catch (RuntimeException e) {
            ProblemDetail problem = SupervisionErrors.problem(e);
            return CommandReply.problem(problem.getStatus(), problem.getDetail());
        }
    }
}
