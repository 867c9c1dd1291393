package org.hotline12333.ivr;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.prompts.MandarinReading;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.telephony.DigitRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a caller through a script, node by node, until they leave it: to a person, or with a goodbye. Talks to
 * the caller only through the session's CallChannel.
 */
final class IvrInterpreter {

    private static final Logger log = LoggerFactory.getLogger(IvrInterpreter.class);
    /** A runaway script (say a branch loop the checks missed) must not hold a caller forever. */
    private static final int MAX_STEPS = 500;

    private final MenuChoice menus;
    private final SelfServiceDirectory directory;
    private final CallerPins pins;
    private final CallRouting routing;
    private final OpeningCalendar calendar;

    IvrInterpreter(MenuChoice menus, SelfServiceDirectory directory, CallerPins pins, CallRouting routing,
                   OpeningCalendar calendar) {
        this.menus = menus;
        this.directory = directory;
        this.pins = pins;
        this.routing = routing;
        this.calendar = calendar;
    }

    Exit run(CallerSession session) {
        IvrScript script = session.script();
        String current = script.start();
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            IvrScript.Node node = script.node(current);
            session.entering(current);
            if (node instanceof IvrScript.Transfer transfer) {
                return leave(session, transfer.action());
            }
            if (node instanceof IvrScript.Hangup hangup) {
                return goodbye(session, node.name(), hangup.prompts());
            }
            IvrScript.Action action = step(session, node);
            if (action.goTo() == null) {
                return leave(session, action);
            }
            current = action.goTo();
        }
        log.error("IVR script {} ran {} steps on call {} without the caller leaving it: handing to a person",
                script.name(), MAX_STEPS, session.call().info().callId());
        return new Exit.ToPerson(IvrScript.Action.transferTo(ScriptBuilder.GENERAL_GROUP));
    }

    /** Runs one node; returns where to go next (a goto, or an action that leaves the script). */
    private IvrScript.Action step(CallerSession session, IvrScript.Node node) {
        if (node instanceof IvrScript.Play play) {
            ValueReader.play(session, play.prompts()).ifPresent(session::keep);
            session.step(node.name(), String.join(",", play.prompts()), null, "played");
            return go(play.next());
        }
        if (node instanceof IvrScript.Menu menu) {
            IvrScript.Action chosen = menus.choose(session, menu);
            chosen.set().forEach(session::put);
            chosen.set().forEach(session::show);
            return chosen;
        }
        if (node instanceof IvrScript.Collect collect) {
            return InputCollector.collect(session, collect).isPresent() ? go(collect.next()) : collect.retry().fallback();
        }
        if (node instanceof IvrScript.Verify verify) {
            return verify(session, verify);
        }
        if (node instanceof IvrScript.Query query) {
            return query(session, query);
        }
        if (node instanceof IvrScript.Say say) {
            ValueReader.say(session, say.say()).ifPresent(session::keep);
            session.step(node.name(), null, null, "read");
            return go(say.next());
        }
        if (node instanceof IvrScript.Branch branch) {
            return go(branch(session, branch));
        }
        if (node instanceof IvrScript.Callback callback) {
            takeCallback(session, callback);
            return go(callback.next());
        }
        if (node instanceof IvrScript.SetData set) {
            set.values().forEach(session::put);
            set.values().forEach(session::show);
            session.step(node.name(), null, null, "set " + set.values().keySet());
            return go(set.next());
        }
        throw new IllegalStateException("no step for node " + node.name());
    }

    private IvrScript.Action verify(CallerSession session, IvrScript.Verify node) {
        CallerPins.Outcome result = pins.verify(session.text(node.idVariable()), session.text(node.pinVariable()),
                session.call().info().callId());
        if (result == CallerPins.Outcome.VERIFIED) {
            session.show("idVerified", "true");
            session.show("idNumber", InputCollector.masked(InputKind.ID_NUMBER, session.text(node.idVariable())));
            session.step(node.name(), null, null, "verified");
            return go(node.next());
        }
        session.show("idVerified", "false");
        if (result == CallerPins.Outcome.LOCKED) {
            session.step(node.name(), null, null, "not verified: locked after too many wrong PINs for this ID number");
            return node.fallback();
        }
        int attempts = session.count(node.name());
        session.step(node.name(), node.failedPrompt(), null, "not verified (" + attempts + " of " + node.attempts() + ")");
        if (attempts >= node.attempts()) {
            return node.fallback();
        }
        session.call().play(node.failedPrompt(), "");
        return go(node.retry());
    }

    private IvrScript.Action query(CallerSession session, IvrScript.Query node) {
        SelfServiceDirectory.Query query = SelfServiceDirectory.Query.byScriptName(node.query()).orElseThrow();
        Optional<Map<String, Object>> answer = directory.query(query, session.text("idNumber"));
        if (answer.isEmpty()) {
            session.call().play(node.notFoundPrompt(), ValueReader.ALL_KEYS).ifPresent(session::keep);
            session.step(node.name(), node.notFoundPrompt(), null, "not found");
            return go(node.next());
        }
        answer.get().forEach(session::put);
        ValueReader.say(session, node.say()).ifPresent(session::keep);
        session.step(node.name(), null, null, "answered " + node.query());
        return go(node.next());
    }

    private String branch(CallerSession session, IvrScript.Branch node) {
        ZonedDateTime now = calendar.local(session.clock().instant());
        for (IvrScript.Case option : node.cases()) {
            if (option.when() == null || holds(option.when(), now, session)) {
                session.step(node.name(), null, null, "go " + option.goTo());
                return option.goTo();
            }
        }
        throw new IllegalStateException("branch " + node.name() + " has no case for this caller");
    }

    private boolean holds(IvrScript.Condition when, ZonedDateTime now, CallerSession session) {
        if (when.calendar() != null) {
            boolean matches = switch (when.calendar()) {
                case "open" -> calendar.isOpen(now);
                case "closed" -> !calendar.isOpen(now);
                default -> calendar.isHoliday(now.toLocalDate());
            };
            if (!matches) {
                return false;
            }
        }
        if (!when.weekdays().isEmpty() && !when.weekdays().contains(now.getDayOfWeek())) {
            return false;
        }
        if (when.from() != null
                && (now.toLocalTime().isBefore(when.from()) || !now.toLocalTime().isBefore(when.to()))) {
            return false;
        }
        return when.variable() == null || when.equals().equals(session.text(when.variable()));
    }

    /** The caller's own number, confirmed with 1, or another one keyed in with 2. */
    private void takeCallback(CallerSession session, IvrScript.Callback node) {
        String number = session.call().info().callerNumber();
        boolean usable = number != null && InputKind.PHONE.accept(number, LocalDate.now(session.clock())).isPresent();
        if (usable) {
            session.call().play("callback-confirm", "12");
            ValueReader.play(session, MandarinReading.digits(number));
            String key = session.call().collectDigits("callback-confirm-keys",
                    new DigitRequest(ScriptBuilder.DEFAULT_TIMEOUT, 1, (char) 0)).digits();
            usable = !key.equals("2");
        }
        if (!usable) {
            IvrScript.Collect ask = new IvrScript.Collect(node.name(), InputKind.PHONE, "enter-callback-number",
                    "callbackNumber", InputKind.PHONE.minDigits, InputKind.PHONE.maxDigits, node.next(),
                    new IvrScript.Retry(ScriptBuilder.DEFAULT_TIMEOUT, ScriptBuilder.DEFAULT_RETRIES, "phone-invalid",
                            IvrScript.Action.transferTo(node.skillGroup())));
            Optional<String> entered = InputCollector.collect(session, ask);
            if (entered.isEmpty()) {
                session.step(node.name(), null, null, "no callback number");
                return;
            }
            number = entered.get();
        }
        routing.requestCallback(session.call().info().callId(), number, node.skillGroup());
        session.call().play("callback-stored", "");
        session.step(node.name(), "callback-stored", InputCollector.masked(InputKind.PHONE, number),
                "callback for " + node.skillGroup());
    }

    private Exit leave(CallerSession session, IvrScript.Action action) {
        if (action.hangup() != null) {
            return goodbye(session, "goodbye", action.hangup());
        }
        action.set().forEach(session::put);
        action.set().forEach(session::show);
        return new Exit.ToPerson(action);
    }

    private static Exit goodbye(CallerSession session, String node, java.util.List<String> prompts) {
        ValueReader.play(session, prompts);
        session.step(node, String.join(",", prompts), null, "goodbye");
        session.call().hangup();
        return new Exit.Goodbye();
    }

    private static IvrScript.Action go(String node) {
        return IvrScript.Action.goTo(node);
    }
}
