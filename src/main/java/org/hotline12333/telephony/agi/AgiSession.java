package org.hotline12333.telephony.agi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.CallHandler;
import org.hotline12333.telephony.CallInfo;
import org.hotline12333.telephony.HotlineStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI connection from start to end: checks what Asterisk sent, opens the Call record, runs the handler the
 * URL names, and closes the record whatever happened. Nothing escapes to asterisk-java, which would log a hang-up
 * as an error.
 */
final class AgiSession implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);
    static final String BUSY_PROMPT = "system-busy";

    private final Map<String, CallHandler> handlers;
    private final CallRecords calls;
    private final NodeResolver nodes;
    private final String promptPrefix;
    private final BooleanSupplier stopping;
    private final AgiGate gate;
    private final Timer turnaround;

    AgiSession(Map<String, CallHandler> handlers, CallRecords calls, NodeResolver nodes, String promptPrefix,
               BooleanSupplier stopping, AgiGate gate, Timer turnaround) {
        this.handlers = handlers;
        this.calls = calls;
        this.nodes = nodes;
        this.promptPrefix = promptPrefix;
        this.stopping = stopping;
        this.gate = gate;
        this.turnaround = turnaround;
    }

    @Override
    public void service(AgiRequest request, AgiChannel agi) {
        if (gate.wasCutOff(request.getRemoteAddress(), request.getRemotePort())) {
            return; // the gate closed it and said why
        }
        List<String> missing = missingHeaders(request);
        if (!missing.isEmpty()) {
            log.warn("Ignored a malformed AGI request from {}:{}: no {} ({} agi_ header(s) received)",
                    request.getRemoteAddress(), request.getRemotePort(), String.join(", ", missing),
                    request.getRequest().size());
            return;
        }
        String script = scriptName(request.getScript());
        String node = nodes.nodeOf(first(request.getParameterMap(), "node"), request.getRemoteAddress());
        String dialled = request.getExtension() != null ? request.getExtension() : request.getDnid();
        String callId;
        try {
            callId = calls.open(new NewCall(node, request.getUniqueId(), request.getChannel(),
                    request.getCallerIdNumber(), request.getCallerIdName(), dialled, script));
        } catch (RuntimeException e) {
            log.error("Could not open a Call record for {} on {}: handing the call to the dialplan's fallback",
                    request.getChannel(), node, e);
            return;
        }
        CallInfo info = new CallInfo(callId, node, request.getChannel(), request.getUniqueId(),
                request.getCallerIdNumber(), request.getCallerIdName(), dialled, request.getContext(),
                request.getLanguage(), script, parameters(request), nodes.isNodeAddress(request.getRemoteAddress()));
        AgiCallChannel call = new AgiCallChannel(agi, info, promptPrefix, turnaround);
        Ending ending = run(call, script);
        try {
            calls.close(callId, ending.by(), ending.reason());
        } catch (RuntimeException e) {
            log.error("Could not close Call record {} ({}: {})", callId, ending.by(), ending.reason(), e);
        }
    }

    private Ending run(AgiCallChannel call, String script) {
        try {
            if (CallPool.OverflowThread.current()) {
                return answerBusy(call);
            }
            CallHandler handler = handlers.get(script);
            if (handler == null) {
                log.warn("No handler for AGI script '{}' (call {} from {}); known: {}", script, call.info().callId(),
                        Mask.phone(call.info().callerNumber()), handlers.keySet());
                call.setVariable(HotlineStatus.VARIABLE, HotlineStatus.FALLBACK.name());
                return new Ending(EndedBy.SERVICE, "no handler for script '" + script + "': handed to the dialplan");
            }
            handler.handle(call);
            if (call.hungUpByService()) {
                return new Ending(EndedBy.SERVICE, "hung up by the service");
            }
            if (call.status() == null) {
                call.setVariable(HotlineStatus.VARIABLE, HotlineStatus.DONE.name());
            }
            return new Ending(EndedBy.SERVICE, "returned to the dialplan with HOTLINE_STATUS=" + call.status());
        } catch (CallGoneException gone) {
            if (call.hungUpByService()) {
                return new Ending(EndedBy.SERVICE, "hung up by the service");
            }
            if (gone.callerHungUp()) {
                return new Ending(EndedBy.CALLER, gone.getMessage());
            }
            return stopping.getAsBoolean()
                    ? new Ending(EndedBy.SHUTDOWN, "service stopped during the call; handed to the dialplan")
                    : new Ending(EndedBy.CONNECTION_LOST, gone.getMessage());
        } catch (RuntimeException e) {
            log.error("Handler '{}' failed on call {}: handing the caller to the dialplan's fallback", script,
                    call.info().callId(), e);
            fallBack(call);
            return new Ending(EndedBy.SERVICE, "handler failed (" + e.getClass().getSimpleName() + "): handed to the dialplan");
        }
    }

    /** All call threads are taken: the caller hears that lines are busy and goes to the dialplan's fallback. */
    private Ending answerBusy(AgiCallChannel call) {
        call.answer();
        call.play(BUSY_PROMPT, "");
        call.setVariable(HotlineStatus.VARIABLE, HotlineStatus.BUSY.name());
        return new Ending(EndedBy.SERVICE, "service at capacity: busy message, handed to the dialplan");
    }

    private static void fallBack(AgiCallChannel call) {
        try {
            if (!call.isGone()) {
                call.setVariable(HotlineStatus.VARIABLE, HotlineStatus.FALLBACK.name());
            }
        } catch (RuntimeException ignored) {
            // the dialplan falls back on a missing status too
        }
    }

    private static List<String> missingHeaders(AgiRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.getChannel() == null) {
            missing.add("agi_channel");
        }
        if (request.getUniqueId() == null) {
            missing.add("agi_uniqueid");
        }
        if (request.getScript() == null) {
            missing.add("agi_network_script");
        }
        return missing;
    }

    private static String scriptName(String script) {
        String name = script.startsWith("/") ? script.substring(1) : script;
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static Map<String, List<String>> parameters(AgiRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        Map<String, String[]> raw = request.getParameterMap();
        if (raw != null) {
            raw.forEach((name, values) -> parameters.put(name, List.copyOf(Arrays.asList(values))));
        }
        return Map.copyOf(parameters);
    }

    private static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters == null ? null : parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private record Ending(EndedBy by, String reason) {
    }
}
