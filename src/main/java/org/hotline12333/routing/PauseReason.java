package org.hotline12333.routing;

/** Why an agent is paused. The last two are set by routing, not chosen by the agent. */
public enum PauseReason {
    BREAK, MEAL, TRAINING, MEETING, AFTER_CALL_WORK,
    /** A call rang at the agent's phone and nobody answered (or it was busy). */
    NO_ANSWER,
    /** The agent's phone is unregistered or unreachable (from AMI); cleared when it is back. */
    UNREACHABLE;

    /** Words for a reason text: "meal", "no answer". */
    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
