package org.hotline12333.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallHandler;

/**
 * A call handler whose behaviour a test writes: {@code agi://.../scripted?scenario=dozen} runs the scenario the
 * test registered as "dozen". Lets tests of the telephony edge drive any sequence of commands through the service.
 */
public class ScriptedCalls implements CallHandler {

    public static final String SCRIPT = "scripted";

    private final Map<String, Consumer<CallChannel>> scenarios = new ConcurrentHashMap<>();

    public void register(String scenario, Consumer<CallChannel> behaviour) {
        scenarios.put(scenario, behaviour);
    }

    @Override
    public String script() {
        return SCRIPT;
    }

    @Override
    public void handle(CallChannel call) {
        String scenario = call.info().parameter("scenario");
        Consumer<CallChannel> behaviour = scenarios.get(scenario);
        if (behaviour == null) {
            throw new IllegalStateException("no scenario '" + scenario + "' registered");
        }
        behaviour.accept(call);
    }
}
