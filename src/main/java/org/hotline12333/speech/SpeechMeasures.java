package org.hotline12333.speech;

/**
 * Figures about a call's speech.
 *
 * @param agentSeconds           time the agent spent speaking
 * @param callerSeconds          time the caller spent speaking
 * @param agentCharsPerMinute    the agent's speech rate (characters per minute of the agent's speech); 0 when the
 *                               agent did not speak
 * @param agentShare             the agent's share of all speech (0..1); 0 when nobody spoke
 * @param talkOverSeconds        time both spoke at once
 * @param longestSilenceSeconds  the longest time nobody spoke, between the first and the last words of the call
 */
public record SpeechMeasures(double agentSeconds, double callerSeconds, double agentCharsPerMinute,
                             double agentShare, double talkOverSeconds, double longestSilenceSeconds) {
}
