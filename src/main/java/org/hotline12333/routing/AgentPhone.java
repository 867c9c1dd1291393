package org.hotline12333.routing;

import java.time.Duration;
import java.util.Optional;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.security.Lockouts;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallHandler;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.telephony.Digits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The agents' feature codes, from their own phones ({@code agi://.../agent?action=login|logout|pause|ready}, dialled
 * as *21..*24 in docker/asterisk/extensions.conf). Login asks for the work number and PIN by keypad and makes the
 * calling phone the agent's phone; the other actions find the agent by the calling phone. Each ends with a short
 * confirmation and a hang-up.
 *
 * <p>The calling phone is what the channel says only when the connection comes from an Asterisk node's address, and
 * only a PJSIP phone counts; login binds it only when it is a known staff phone ({@link StaffPhones}). Wrong PINs are
 * counted per work number across calls: after too many the work number is locked for a while
 * ({@code hotline.security.lockout.agent-pin}) and supervisors are alerted.
 */
@Component
class AgentPhone implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentPhone.class);
    static final String ENTER_WORK_NUMBER = "agent-enter-work-number";
    static final String ENTER_PIN = "agent-enter-pin";
    static final String LOGIN_FAILED = "agent-login-failed";
    static final String LOGIN_LOCKED = "agent-login-locked";
    static final String LOGGED_IN = "agent-logged-in";
    static final String LOGGED_OUT = "agent-logged-out";
    static final String PAUSE_REASON = "agent-pause-reason";
    static final String PAUSED = "agent-paused";
    static final String READY = "agent-ready";
    static final String UNKNOWN_PHONE = "agent-unknown-phone";
    static final String NOT_NOW = "agent-not-now";
    private static final DigitRequest WORK_NUMBER = DigitRequest.upTo(16, Duration.ofSeconds(6));
    private static final DigitRequest PIN = DigitRequest.upTo(12, Duration.ofSeconds(6));
    private static final DigitRequest ONE_KEY = DigitRequest.upTo(1, Duration.ofSeconds(5));
    private static final int LOGIN_TRIES = 3;

    private final AgentDesk desk;
    private final DialStrings dialStrings;
    private final StaffPhones phones;
    private final Lockouts lockouts;
    private final Alerts alerts;

    AgentPhone(AgentDesk desk, DialStrings dialStrings, StaffPhones phones, Lockouts lockouts, Alerts alerts) {
        this.desk = desk;
        this.dialStrings = dialStrings;
        this.phones = phones;
        this.lockouts = lockouts;
        this.alerts = alerts;
    }

    @Override
    public String script() {
        return "agent";
    }

    @Override
    public void handle(CallChannel call) {
        call.answer();
        String action = String.valueOf(call.info().parameter("action"));
        Optional<String> phone = callingPhone(call, action);
        if (phone.isEmpty()) {
            call.play(UNKNOWN_PHONE, "");
            call.hangup();
            return;
        }
        String endpoint = phone.get();
        try {
            switch (action) {
                case "login" -> login(call, endpoint);
                case "logout" -> atPhone(call, endpoint).ifPresent(a -> {
                    desk.logout(a.workNumber());
                    call.play(LOGGED_OUT, "");
                });
                case "pause" -> atPhone(call, endpoint).ifPresent(a -> {
                    desk.pause(a.workNumber(), pauseReason(call.collectDigits(PAUSE_REASON, ONE_KEY)));
                    call.play(PAUSED, "");
                });
                case "ready" -> atPhone(call, endpoint).ifPresent(a -> {
                    desk.ready(a.workNumber());
                    call.play(READY, "");
                });
                default -> {
                    log.warn("Agent feature code with unknown action '{}' from {}", action, endpoint);
                    call.play(NOT_NOW, "");
                }
            }
        } catch (AgentDesk.NotNow e) {
            log.info("Feature code '{}' from {} refused: {}", action, endpoint, e.getMessage());
            call.play(NOT_NOW, "");
        }
        call.hangup();
    }

    /** The PJSIP phone the call comes from, when Asterisk itself says so; empty (and logged) otherwise. */
    private Optional<String> callingPhone(CallChannel call, String action) {
        String channel = call.info().channel();
        if (!call.info().fromAsterisk()) {
            log.warn("Feature code '{}' refused: the FastAGI connection does not come from an Asterisk node's address "
                    + "(hotline.asterisk.nodes[n].host), so its channel '{}' proves nothing", action, channel);
            return Optional.empty();
        }
        String endpoint = DialStrings.endpointOf(channel);
        try {
            if (endpoint == null || !endpoint.startsWith(DialStrings.TECHNOLOGY) || endpoint.indexOf('@') >= 0) {
                throw new DialStrings.Refused("not a PJSIP phone");
            }
            return Optional.of(dialStrings.phone(endpoint));
        } catch (DialStrings.Refused refused) {
            log.warn("Feature code '{}' refused: channel '{}' is not a staff phone ({})", action, channel,
                    refused.getMessage());
            return Optional.empty();
        }
    }

    private void login(CallChannel call, String endpoint) {
        String node = call.info().node();
        if (!phones.known(node, endpoint)) {
            log.warn("Agent login refused from {} on {}: not a staff phone (give it to an agent, or add it with "
                    + "PUT /api/routing/phones)", endpoint, node);
            call.play(UNKNOWN_PHONE, "");
            return;
        }
        for (int attempt = 1; attempt <= LOGIN_TRIES; attempt++) {
            String workNumber = call.collectDigits(ENTER_WORK_NUMBER, WORK_NUMBER).digits();
            String pin = call.collectDigits(ENTER_PIN, PIN).digits();
            if (workNumber.isEmpty()) {
                call.play(LOGIN_FAILED, "");
                continue;
            }
            Lockouts.Standing standing = lockouts.standing(Lockouts.Realm.AGENT_PIN, workNumber);
            if (standing.lockedUntil().isPresent()) {
                log.warn("Agent login for work number {} from {} refused: locked after too many wrong PINs",
                        workNumber, endpoint);
                call.play(LOGIN_LOCKED, "");
                return;
            }
            Optional<AgentStore.AgentRow> agent = desk.agentByWorkNumber(workNumber);
            if (agent.isPresent() && desk.pinMatches(agent.get(), pin)) {
                lockouts.succeeded(Lockouts.Realm.AGENT_PIN, workNumber, standing);
                desk.login(workNumber, node, endpoint);
                log.info("Agent {} logged in from {} on {}", workNumber, endpoint, node);
                call.play(LOGGED_IN, "");
                return;
            }
            if (wrongPin(workNumber, endpoint, node, attempt)) {
                call.play(LOGIN_LOCKED, "");
                return;
            }
            call.play(LOGIN_FAILED, "");
        }
    }

    /** Counts a wrong PIN (unknown work numbers too, so a lock tells nothing); true when the work number is locked. */
    private boolean wrongPin(String workNumber, String endpoint, String node, int attempt) {
        Lockouts.Failure failure = lockouts.failed(Lockouts.Realm.AGENT_PIN, workNumber);
        log.warn("Failed agent login for work number {} from {} (attempt {} of {} on this call, {} in a row)",
                workNumber, endpoint, attempt, LOGIN_TRIES, failure.failures());
        if (failure.lockedNow()) {
            alerts.raise(AlertKind.SECURITY, "agent-pin " + workNumber, "Phone login of work number " + workNumber
                    + " is locked until " + failure.lockedUntil().orElseThrow() + " after " + failure.failures()
                    + " wrong PINs; the last from " + endpoint + " on " + node + ".");
        }
        return failure.lockedUntil().isPresent();
    }

    private Optional<AgentStore.AgentRow> atPhone(CallChannel call, String endpoint) {
        Optional<AgentStore.AgentRow> agent = desk.agentAt(call.info().node(), endpoint);
        if (agent.isEmpty()) {
            log.warn("Feature code from {} on {}: no agent uses that phone", endpoint, call.info().node());
            call.play(UNKNOWN_PHONE, "");
        }
        return agent;
    }

    /** 1 break, 2 meal, 3 training, 4 meeting, 5 after-call work; anything else a break. */
    static PauseReason pauseReason(Digits key) {
        return switch (key.digits()) {
            case "2" -> PauseReason.MEAL;
            case "3" -> PauseReason.TRAINING;
            case "4" -> PauseReason.MEETING;
            case "5" -> PauseReason.AFTER_CALL_WORK;
            default -> PauseReason.BREAK;
        };
    }
}
