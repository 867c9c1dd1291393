package org.hotline12333.call;

/** The caller's answer to the satisfaction survey after talking to an agent. */
public enum Satisfaction {
    /** 满意 */
    SATISFIED,
    /** 基本满意 */
    BASICALLY_SATISFIED,
    /** 不满意 */
    DISSATISFIED
}
