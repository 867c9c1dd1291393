package org.hotline12333.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A call record as other features and the API see it.
 *
 * @param outboundPurpose why the service made the call (CALLBACK, REPLY_CALLBACK, RETURN_VISIT); null for a call in
 */
public record CallSummary(String id, String node, String uniqueId, String channel, String callerNumber,
                          String callerName, String dialledNumber, String script, Instant startedAt,
                          Instant endedAt, EndedBy endedBy, String endReason, Satisfaction satisfaction,
                          Routing routing, String outboundPurpose) {

    public boolean open() {
        return endedAt == null;
    }

    /**
     * What routing did with the call; every field is null for a call that never reached routing.
     *
     * @param skillGroup   the group the caller asked for
     * @param queuedAt     when the caller was handed to routing (offered)
     * @param connectedAt  when the agent answered
     * @param talkEndedAt  when the conversation (or the wait, for abandoned calls) ended
     * @param agent        work number (工号) of the agent who answered, the last one after transfers
     * @param chosenBy     how that agent was chosen: FIRST_ASKER, POST_A, POST_B, GROUP, OVERFLOW, TRANSFER
     * @param choiceReason why, in words ("B covering A (A paused: meal)")
     * @param callData     what the IVR learned, as shown on the agent's screen
     */
    public record Routing(String skillGroup, Integer priority, Instant queuedAt, Instant connectedAt,
                          Instant talkEndedAt, String agent, String chosenBy, String choiceReason,
                          CallOutcome outcome, Instant wrapUpEndedAt, String disposition, String note,
                          Map<String, String> callData) {

        /** How long the caller waited before an agent answered, or before giving up; null if not known yet. */
        public Duration waitTime() {
            if (queuedAt == null) {
                return null;
            }
            Instant end = connectedAt != null ? connectedAt : talkEndedAt;
            return end == null ? null : Duration.between(queuedAt, end);
        }

        /** Whether an agent answered within the given time of the caller joining the queue (service level). */
        public boolean answeredWithin(Duration limit) {
            return connectedAt != null && queuedAt != null
                    && Duration.between(queuedAt, connectedAt).compareTo(limit) <= 0;
        }

        /** Talk time plus wrap-up time (for AHT); null until both are known. */
        public Duration handleTime() {
            if (connectedAt == null || talkEndedAt == null) {
                return null;
            }
            Instant end = wrapUpEndedAt != null ? wrapUpEndedAt : talkEndedAt;
            return Duration.between(connectedAt, end);
        }
    }
}
