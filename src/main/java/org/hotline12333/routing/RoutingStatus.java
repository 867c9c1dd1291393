package org.hotline12333.routing;

import java.time.Instant;
import java.util.List;

/**
 * What routing knows now, for the supervisors' live floor: every agent (from the database, so agents of every
 * instance), the skill groups, and the callers waiting on this instance with their place in the queue.
 */
public interface RoutingStatus {

    List<AgentView> agents();

    List<SkillGroup> skillGroups();

    /** Callers waiting for an agent on this instance (not those already put through). */
    List<WaitingCaller> waiting();

    record SkillGroup(String code, String name) {
    }

    /** @param position 1 for the next caller to be served in the group */
    record WaitingCaller(String callId, String skillGroup, int priority, Instant queuedAt, int position) {
    }
}
