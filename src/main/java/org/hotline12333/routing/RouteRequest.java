package org.hotline12333.routing;

import java.time.Instant;
import java.util.Map;

/**
 * Where a caller wants to go.
 *
 * @param skillGroup the line of business (业务组), e.g. {@code pension}; required
 * @param post       a post (岗位) whose A and then B agent should take the call, or null
 * @param priority   0 for normal callers; higher for green-channel callers (绿色通道)
 * @param callData   what the IVR learned, shown on the agent's screen (e.g. {@code idVerified=true})
 * @param askedAt    when the caller asked for a person (pressed 0), which is when their wait starts, the "please
 *                   hold, transferring" prompt included; null: when routing receives the call
 */
public record RouteRequest(String skillGroup, String post, int priority, Map<String, String> callData,
                           Instant askedAt) {

    public RouteRequest {
        if (skillGroup == null || skillGroup.isBlank()) {
            throw new IllegalArgumentException("a route needs a skill group");
        }
        callData = Map.copyOf(callData);
    }

    public RouteRequest(String skillGroup, String post, int priority, Map<String, String> callData) {
        this(skillGroup, post, priority, callData, null);
    }

    public static RouteRequest toGroup(String skillGroup) {
        return new RouteRequest(skillGroup, null, 0, Map.of());
    }
}
