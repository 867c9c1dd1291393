package org.hotline12333.supervision;

/**
 * One change of the floor, as sent on the event stream: {@code type} is the SSE event name, {@code data} its JSON.
 * Types: snapshot, call, call-ended, agent, agent-removed, groups, figures, cases, alert, alert-acknowledged, nodes,
 * monitor, heartbeat, resync.
 */
record FloorChange(String type, Object data) {

    static final FloorChange RESYNC = new FloorChange("resync", java.util.Map.of("reason",
            "fell too far behind: load the floor again"));
}
