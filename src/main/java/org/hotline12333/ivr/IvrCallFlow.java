package org.hotline12333.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.speech.KeywordRecognizer;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallHandler;
import org.hotline12333.telephony.DigitRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * An inbound call, from answer to goodbye, recorded throughout: green-channel callers go straight to the queue with priority; everyone
 * else meets the menu. A caller who leaves the menu for a person is handed to routing; when the agent hangs up
 * first, the caller is asked how satisfied they are.
 */
@Component
class IvrCallFlow implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(IvrCallFlow.class);
    private static final Duration SURVEY_TIMEOUT = Duration.ofSeconds(6);

    private final ScriptLibrary library;
    private final IvrProperties properties;
    private final CallRouting routing;
    private final SelfServiceDirectory directory;
    private final CallerPins pins;
    private final IvrPaths paths;
    private final CallRecords calls;
    private final MenuChoice menus;
    private final Map<String, IvrProperties.GreenCaller> greenChannel = new HashMap<>();
    private final CallRecorder recorder;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    IvrCallFlow(ScriptLibrary library, IvrProperties properties, CallRouting routing, SelfServiceDirectory directory,
                CallerPins pins, IvrPaths paths, CallRecords calls, CallRecorder recorder, ObjectProvider<KeywordRecognizer> recognizer,
                Clock clock, ApplicationEventPublisher events) {
        this.recorder = recorder;
        this.events = events;
        this.library = library;
        this.properties = properties;
        this.routing = routing;
        this.directory = directory;
        this.pins = pins;
        this.paths = paths;
        this.calls = calls;
        this.menus = new MenuChoice(recognizer.getIfAvailable(), properties.speech());
        this.clock = clock;
        properties.greenChannel().forEach(caller -> greenChannel.put(caller.number(), caller));
    }

    @Override
    public String script() {
        return "ivr";
    }

    @Override
    public void handle(CallChannel call) {
        call.answer();
        recorder.start(call);
        String menu = Optional.ofNullable(call.info().parameter("menu")).orElse(properties.defaultMenu());
        IvrScript script = library.script(menu).orElse(null);
        IvrProperties.GreenCaller green = greenChannel.get(call.info().callerNumber());
        if (script == null) {
            log.error("No IVR menu '{}' in service (call {}); putting the caller through to a person", menu,
                    call.info().callId());
        }
        CallerSession session = new CallerSession(call, script != null ? script : emptyScript(menu), clock);
        String callId = call.info().callId();
        session.onNode(node -> events.publishEvent(new IvrNodeEntered(callId, session.script().name(), node,
                clock.instant())));
        int stored = 0;
        try {
            Exit exit;
            if (green != null) {
                session.show("greenChannel", green.label());
                session.step("green-channel", null, null, "skipped the menu: " + green.label());
                exit = new Exit.ToPerson(IvrScript.Action.transferTo(properties.greenChannelGroup()));
            } else if (script == null) {
                exit = new Exit.ToPerson(IvrScript.Action.transferTo(ScriptBuilder.GENERAL_GROUP));
            } else {
                exit = new IvrInterpreter(menus, directory, pins, routing, library.calendar()).run(session);
            }
            if (exit instanceof Exit.ToPerson person) {
                stored = paths.store(call.info().callId(), session.steps(), stored);
                toPerson(session, person.action(), green == null ? 0 : green.priority());
            }
        } finally {
            paths.store(call.info().callId(), session.steps(), stored);
        }
    }

    private void toPerson(CallerSession session, IvrScript.Action action, int priority) {
        CallChannel call = session.call();
        Instant askedAt = clock.instant();
        call.play(action.prompt() != null ? action.prompt() : "transferring", "");
        session.show("path", session.keysPressed());
        session.show("pathWords", session.pathInWords());
        session.show("menu", session.script().name());
        RouteRequest request = new RouteRequest(action.transfer(), action.post(), priority, session.callData(),
                askedAt);
        RoutingResult result = routing.connect(call, request);
        session.step("routing", null, null, result.outcome() + (result.agent() == null ? "" : " agent " + result.agent()));
        if (result.outcome() == RoutingResult.Outcome.TALKED && result.agentHungUpFirst()) {
            survey(session, result.agent());
        } else if (result.outcome() == RoutingResult.Outcome.NOT_SERVED) {
            log.warn("Nobody could take call {} from {} for {}; a callback is stored", call.info().callId(),
                    Mask.phone(call.info().callerNumber()), action.transfer());
            if (routing.requestCallback(call.info().callId(), call.info().callerNumber(), action.transfer())) {
                call.play("callback-stored", "");
            }
            call.play("goodbye", "");
        }
    }

    /** 1 满意, 2 基本满意, 3 不满意; asked once more if the caller presses nothing or something else. */
    private void survey(CallerSession session, String agent) {
        CallChannel call = session.call();
        session.entering("survey");
        for (int attempt = 0; attempt < 2; attempt++) {
            String key = call.collectDigits("survey", new DigitRequest(SURVEY_TIMEOUT, 1, (char) 0)).digits();
            Satisfaction answer = switch (key) {
                case "1" -> Satisfaction.SATISFIED;
                case "2" -> Satisfaction.BASICALLY_SATISFIED;
                case "3" -> Satisfaction.DISSATISFIED;
                default -> null;
            };
            session.step("survey", "survey", key.isEmpty() ? null : key, answer == null ? "no answer" : answer.name());
            if (answer != null) {
                calls.recordSatisfaction(call.info().callId(), answer);
                call.play("survey-thanks", "");
                break;
            }
        }
        call.hangup();
    }

    private static IvrScript emptyScript(String menu) {
        return new IvrScript(menu, "", "", "none", "", Map.of());
    }
}
