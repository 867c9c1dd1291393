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
 * @param skills     the permanent profile: skill group code → level (higher is better)
 * @param reachable  whether the phone is registered and answering qualify requests (from AMI)
 * @param skillsNow  the skills routing uses now: the profile with supervisors' skill moves in force laid over it
 * @param pending    a state a supervisor forced while the agent was on a call, applied when the call ends (or null)
 */
public record AgentView(String workNumber, String name, String endpoint, String node, String username,
                        AgentState state, PauseReason pauseReason, Instant stateSince, String callId,
                        boolean reachable, Map<String, Integer> skills, List<String> postsAsA,
                        List<String> postsAsB, Map<String, Integer> skillsNow, PendingState pending) {
}
