package org.hotline12333.telephony;

/**
 * Where Asterisk writes one call's recording, as paths on the Asterisk node.
 *
 * @param mixed        both directions mixed
 * @param callerSide   what the caller said (audio read from the caller's channel)
 * @param otherSide    what the caller heard: prompts and the agent (audio written to the caller's channel)
 */
public record RecordingFiles(String mixed, String callerSide, String otherSide) {
}
