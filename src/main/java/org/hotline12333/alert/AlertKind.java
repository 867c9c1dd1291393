package org.hotline12333.alert;

/** What a supervisor is being warned about. */
public enum AlertKind {
    /** A caller has waited longer than the configured limit. */
    LONG_WAIT,
    /** An agent has been on one call longer than the configured limit. */
    LONG_CALL,
    /** A forbidden phrase (服务忌语) was found in an agent's speech, in the recording after the call. */
    FORBIDDEN_PHRASE,
    /** An agent said a forbidden phrase on a call that is still going on: a supervisor can listen in at once. */
    FORBIDDEN_PHRASE_LIVE,
    /** A recording is missing, empty or corrupted, or a call ended without one. */
    RECORDING,
    /** An Asterisk node is unreachable over AMI. */
    NODE_DOWN,
    /** Recordings disk is running out of space. */
    DISK_SPACE,
    /** An IVR script was refused; the last good version stays in service. */
    IVR_SCRIPT,
    /** Something that looks like an attack: a refused FastAGI peer, a locked PIN or login. */
    SECURITY,
    /** A case missed a deadline (督办), or its department asks for more time. */
    CASE_OVERDUE,
    /** The SMS gateway refused the bind or the link is down: text messages wait in the outbox. */
    SMS_GATEWAY,
    /** A citizen was not satisfied (不满意) at a return visit (回访): the case is reopened. */
    RETURN_VISIT
}
