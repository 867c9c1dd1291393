package org.hotline12333.routing;

import java.time.Instant;
import java.util.Map;

/**
 * What the router knows of an agent: their stored row and skills; RESERVED while the router holds them for a caller
 * whose claim is not stored yet.
 */
record AgentSnapshot(String workNumber, String node, String endpoint, AgentState state, PauseReason pauseReason,
                     Instant readySince, boolean reachable, long version, Map<String, Integer> skills) {

    static AgentSnapshot of(AgentStore.AgentRow row, Map<String, Integer> skills) {
        return new AgentSnapshot(row.workNumber(), row.node(), row.endpoint(), row.state(), row.pauseReason(),
                row.readySince(), row.reachable(), row.version(), skills);
    }

    AgentSnapshot withSkills(Map<String, Integer> newSkills) {
        return new AgentSnapshot(workNumber, node, endpoint, state, pauseReason, readySince, reachable, version,
                newSkills);
    }
}
