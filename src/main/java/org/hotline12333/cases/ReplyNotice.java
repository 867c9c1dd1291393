package org.hotline12333.cases;

/** How the caller is told that a department replied to their case (the agent chooses at registration). */
public enum ReplyNotice {
    /** The case's owner calls them back (the default: it reaches landlines too, and the agent can explain). */
    CALLBACK,
    /** A text message: the reply itself when it fits, else where to hear it; a confidential case's names nothing. */
    SMS,
    /** Not told (the caller asked not to be, or calls back themselves). */
    NONE
}
