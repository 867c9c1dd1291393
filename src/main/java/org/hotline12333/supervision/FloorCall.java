package org.hotline12333.supervision;

import java.time.Instant;

/**
 * A call in progress as the floor shows it: where the caller is and since when. Immutable; every change makes a
 * new one. {@code caller} is already as the floor may show it (masked unless configured otherwise).
 *
 * @param stage      where the caller is
 * @param stageSince since when they are there
 * @param menu       the IVR script, while in the IVR
 * @param ivrNode    the IVR node, while in the IVR
 * @param queuedAt   when the caller first asked for a person (kept through transfers)
 * @param position   place in the queue of the group (1: next), while queued
 * @param agent      the agent's work number while ringing, talking or just after
 * @param channels   for calls only Asterisk knows ({@code PBX}): how many channels the conversation has
 */
record FloorCall(String callId, String node, String uniqueId, String caller, String script, Instant startedAt,
                 Stage stage, Instant stageSince, String menu, String ivrNode, String skillGroup, int priority,
                 Instant queuedAt, Integer position, String agent, int channels) {

    enum Stage {
        /** With the service, not (yet) in the IVR or routing: e.g. an agent's feature code call. */
        SERVICE,
        /** In the IVR menu. */
        IVR,
        /** Waiting for an agent. */
        QUEUED,
        /** An agent's phone is ringing for the caller. */
        RINGING,
        /** Talking with an agent. */
        TALKING,
        /** The agent has hung up; the caller is still with the service (the satisfaction survey). */
        AFTER_AGENT,
        /** A conversation on Asterisk that no call of this service claims (e.g. the dialplan's fallback queue). */
        PBX
    }

    static FloorCall started(String callId, String node, String uniqueId, String caller, String script, Instant at) {
        return new FloorCall(callId, node, uniqueId, caller, script, at, Stage.SERVICE, at, null, null, null, 0, null,
                null, null, 1);
    }

    /** A conversation on Asterisk no call of the service claims, with its number of channels. */
    static FloorCall pbx(String id, String node, String uniqueId, String caller, Instant since, int channels) {
        return new FloorCall(id, node, uniqueId, caller, null, since, Stage.PBX, since, null, null, null, 0, null, null,
                null, channels);
    }

    /** A node of the menu; after the agent (the survey) the call stays AFTER_AGENT, with the agent shown. */
    FloorCall inIvr(String menu, String node, Instant at) {
        if (stage == Stage.AFTER_AGENT) {
            return new FloorCall(callId, this.node, uniqueId, caller, script, startedAt, stage, stageSince, menu, node,
                    skillGroup, priority, queuedAt, null, agent, channels);
        }
        return new FloorCall(callId, this.node, uniqueId, caller, script, startedAt, Stage.IVR,
                stage == Stage.IVR ? stageSince : at, menu, node, skillGroup, priority, queuedAt, null, agent, channels);
    }

    FloorCall queued(String group, int priority, Instant firstQueuedAt, Instant at) {
        return new FloorCall(callId, node, uniqueId, caller, script, startedAt, Stage.QUEUED, at, null, null, group,
                priority, queuedAt != null ? queuedAt : firstQueuedAt, null, null, channels);
    }

    FloorCall withAgent(Stage stage, String agent, Instant at) {
        return new FloorCall(callId, node, uniqueId, caller, script, startedAt, stage, at, null, null, skillGroup,
                priority, queuedAt, null, agent, channels);
    }

    FloorCall backInQueue(Instant at) {
        return new FloorCall(callId, node, uniqueId, caller, script, startedAt, Stage.QUEUED, at, null, null,
                skillGroup, priority, queuedAt, null, null, channels);
    }

    FloorCall at(Integer position) {
        return new FloorCall(callId, node, uniqueId, caller, script, startedAt, stage, stageSince, menu, ivrNode,
                skillGroup, priority, queuedAt, position, agent, channels);
    }

    boolean waiting() {
        return stage == Stage.QUEUED || stage == Stage.RINGING;
    }
}
