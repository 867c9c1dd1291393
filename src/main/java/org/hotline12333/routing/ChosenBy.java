package org.hotline12333.routing;

/** How routing chose the agent for a call; stored on the Call so reports can count, e.g., how often B covered A. */
public enum ChosenBy {
    /** The agent who handled the caller last (首问负责). */
    FIRST_ASKER,
    /** The post's primary agent (A岗). */
    POST_A,
    /** The post's backup agent (B岗), because A was not ready. */
    POST_B,
    /** An agent of the requested skill group. */
    GROUP,
    /** An agent of an overflow group, after the caller waited long enough. */
    OVERFLOW,
    /** An agent chosen by another agent's transfer. */
    TRANSFER,
    /** An agent calling a caller back. */
    CALLBACK,
    /** A supervisor took the call over from the agent (接管). */
    INTERCEPT
}
