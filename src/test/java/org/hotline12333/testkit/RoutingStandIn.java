package org.hotline12333.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.DialResult;

/**
 * TEMPORARY stand-in for routing (issue 4 is being built on its own branch): connects every caller to agent 1001
 * by dialling PJSIP/1001, records what was asked, and knows the 12333 skill groups. Replaced by the real router
 * when that branch lands.
 */
public class RoutingStandIn implements CallRouting {

    public static final Set<String> GROUPS = Set.of("general", "pension", "medical", "unemployment", "work-injury",
            "maternity", "employment", "labour-relations", "personnel");

    public record Callback(String callId, String number, String skillGroup) {
    }

    private final List<RouteRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

    @Override
    public RoutingResult connect(CallChannel call, RouteRequest request) {
        requests.add(request);
        DialResult dial = call.dial("PJSIP/1001", Duration.ofSeconds(20), "");
        return dial.answered() ? new RoutingResult(RoutingResult.Outcome.TALKED, "1001", true)
                : new RoutingResult(RoutingResult.Outcome.NOT_SERVED, null, false);
    }

    @Override
    public void requestCallback(String callId, String number, String skillGroup) {
        callbacks.add(new Callback(callId, number, skillGroup));
    }

    @Override
    public boolean skillGroupExists(String skillGroup) {
        return GROUPS.contains(skillGroup);
    }

    @Override
    public boolean postExists(String post) {
        return false;
    }

    public List<RouteRequest> requests() {
        return List.copyOf(requests);
    }

    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }
}
