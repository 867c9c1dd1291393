package org.hotline12333.ivr;

import java.time.Clock;
import java.util.Map;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.speech.KeywordRecognizer;
import org.hotline12333.telephony.CallChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs a menu of ivr-scripts/ on a call some other feature handles (the return-visit survey, say): with values the
 * script reads ({@code say: [{digits: x}]}, {@code branch} on a variable), its steps stored as every call's, and what the
 * caller chose given back. A caller hanging up ends it with {@code CallGoneException}, as on any call.
 */
@Service
public class ScriptRunner {

    /**
     * @param toPersonGroup the skill group the caller asked to be put through to (0), or null
     * @param data          what the script set ({@code set:}) and showed
     */
    public record Outcome(String toPersonGroup, Map<String, String> data) {
    }

    private final ScriptLibrary library;
    private final IvrPaths paths;
    private final MenuChoice menus;
    private final SelfServiceDirectory directory;
    private final CallerPins pins;
    private final CallRouting routing;
    private final Clock clock;

    ScriptRunner(ScriptLibrary library, IvrPaths paths, IvrProperties properties, SelfServiceDirectory directory,
                 CallerPins pins, CallRouting routing, ObjectProvider<KeywordRecognizer> recognizer, Clock clock) {
        this.library = library;
        this.paths = paths;
        this.menus = new MenuChoice(recognizer.getIfAvailable(), properties.speech());
        this.directory = directory;
        this.pins = pins;
        this.routing = routing;
        this.clock = clock;
    }

    /** Whether a menu of this name is in service. */
    public boolean exists(String menu) {
        return library.script(menu).isPresent();
    }

    public Outcome run(CallChannel call, String menu, Map<String, Object> values) {
        IvrScript script = library.script(menu).orElseThrow(() -> new IllegalStateException("no IVR menu '" + menu
                + "' in service (ivr-scripts/" + menu + ".yaml)"));
        CallerSession session = new CallerSession(call, script, clock);
        values.forEach(session::put);
        try {
            Exit exit = new IvrInterpreter(menus, directory, pins, routing, library.calendar()).run(session);
            String group = exit instanceof Exit.ToPerson person ? person.action().transfer() : null;
            return new Outcome(group, session.callData());
        } finally {
            paths.store(call.info().callId(), session.steps(), 0);
        }
    }
}
