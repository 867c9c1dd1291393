package org.hotline12333.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent as the API and other features see it: never with the PIN.
 *
 * @param workNumber 工号
 * @param endpoint   the SIP endpoint the agent answers on ({@code PJSIP/1001})
 * @param node       the Asterisk node that endpoint is registered to
 * @param skills     skill group code → level (higher is better)
 * @param reachable  whether the phone is registered and answering qualify requests (from AMI)
 */
public record AgentView(String workNumber, String name, String endpoint, String node, String username,
                        AgentState state, PauseReason pauseReason, Instant stateSince, String callId,
                        boolean reachable, Map<String, Integer> skills, List<String> postsAsA,
                        List<String> postsAsB) {
}
