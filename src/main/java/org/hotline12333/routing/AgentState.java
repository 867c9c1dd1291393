package org.hotline12333.routing;

/**
 * Where an agent is: LOGGED_OUT → READY ⇄ PAUSED; READY → RESERVED (offered, ringing) → ON_CALL → WRAP_UP → READY.
 */
public enum AgentState {
    LOGGED_OUT, READY, PAUSED, RESERVED, ON_CALL, WRAP_UP;

    /** Logged in, whatever they are doing. */
    public boolean loggedIn() {
        return this != LOGGED_OUT;
    }
}
