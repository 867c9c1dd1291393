package org.hotline12333.routing;

import java.time.Duration;
import java.util.Optional;
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
 */
@Component
class AgentPhone implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentPhone.class);
    static final String ENTER_WORK_NUMBER = "agent-enter-work-number";
    static final String ENTER_PIN = "agent-enter-pin";
    static final String LOGIN_FAILED = "agent-login-failed";
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

    AgentPhone(AgentDesk desk) {
        this.desk = desk;
    }

    @Override
    public String script() {
        return "agent";
    }

    @Override
    public void handle(CallChannel call) {
        call.answer();
        String action = String.valueOf(call.info().parameter("action"));
        String endpoint = DialStrings.endpointOf(call.info().channel());
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

    private void login(CallChannel call, String endpoint) {
        for (int attempt = 1; attempt <= LOGIN_TRIES; attempt++) {
            Digits workNumber = call.collectDigits(ENTER_WORK_NUMBER, WORK_NUMBER);
            Digits pin = call.collectDigits(ENTER_PIN, PIN);
            Optional<AgentStore.AgentRow> agent = desk.agentByWorkNumber(workNumber.digits());
            if (agent.isPresent() && desk.pinMatches(agent.get(), pin.digits())) {
                desk.login(agent.get().workNumber(), call.info().node(), endpoint);
                log.info("Agent {} logged in from {} on {}", agent.get().workNumber(), endpoint, call.info().node());
                call.play(LOGGED_IN, "");
                return;
            }
            log.warn("Failed agent login from {} (attempt {} of {})", endpoint, attempt, LOGIN_TRIES);
            call.play(LOGIN_FAILED, "");
        }
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
