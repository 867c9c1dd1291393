package org.hotline12333.routing;

/** A supervisor's action on a call or an agent that cannot be done, saying why. */
public class ActionRefused extends RuntimeException {

    /** UNKNOWN: no such call, agent or move (HTTP 404); NOT_NOW: not in its present state (HTTP 409). */
    public enum Why { UNKNOWN, NOT_NOW }

    private final Why why;

    public ActionRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
