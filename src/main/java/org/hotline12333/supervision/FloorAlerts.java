package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.springframework.stereotype.Component;

/**
 * The floor's own two alerts: a caller waiting for an agent longer than {@code long-wait}, and an agent on one call
 * longer than {@code long-call}. Each is raised once per call. Only calls on this instance are looked at, so several
 * instances never raise the same alert twice. Messages carry call ids and work numbers, never callers' numbers.
 */
@Component
class FloorAlerts {

    private final Floor floor;
    private final Alerts alerts;
    private final Duration longWait;
    private final Duration longCall;
    private final Set<String> raised = new HashSet<>();

    FloorAlerts(Floor floor, Alerts alerts, SupervisionProperties properties) {
        this.floor = floor;
        this.alerts = alerts;
        this.longWait = properties.longWait();
        this.longCall = properties.longCall();
    }

    private record Due(AlertKind kind, String key, String subject, String message) {
    }

    /** What is due, and the keys of everything that could still become due (the rest is forgotten). */
    private record Scan(List<Due> due, Set<String> live) {
    }

    /** Raises what is due at {@code now}; returns how many alerts it raised. */
    synchronized int check(Instant now) {
        Scan scan = floor.read(model -> {
            List<Due> found = new ArrayList<>();
            Set<String> live = new HashSet<>();
            for (FloorCall call : model.calls()) {
                if (call.waiting() && call.queuedAt() != null) {
                    String key = "wait|" + call.callId();
                    live.add(key);
                    Duration waited = Duration.between(call.queuedAt(), now);
                    if (waited.compareTo(longWait) > 0) {
                        found.add(new Due(AlertKind.LONG_WAIT, key, call.callId(), "The caller on call "
                                + call.callId() + " has waited " + waited.toSeconds() + " s for an agent of group "
                                + call.skillGroup() + " (limit " + longWait.toSeconds() + " s)"));
                    }
                }
                if (call.stage() == FloorCall.Stage.TALKING && call.agent() != null) {
                    String key = "call|" + call.callId() + "|" + call.agent();
                    live.add(key);
                    Duration talked = Duration.between(call.stageSince(), now);
                    if (talked.compareTo(longCall) > 0) {
                        found.add(new Due(AlertKind.LONG_CALL, key, call.agent(), "Agent " + call.agent()
                                + " has been on call " + call.callId() + " for " + talked.toMinutes() + " min (limit "
                                + longCall.toMinutes() + " min)"));
                    }
                }
            }
            return new Scan(found, live);
        });
        raised.retainAll(scan.live());
        int count = 0;
        for (Due alert : scan.due()) {
            if (raised.add(alert.key())) {
                alerts.raise(alert.kind(), alert.subject(), alert.message());
                count++;
            }
        }
        return count;
    }
}
