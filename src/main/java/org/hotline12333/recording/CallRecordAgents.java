package org.hotline12333.recording;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The agent directory until routing knows agents. An agent signs in with their work number as user name, so a
 * user's work number is their user name: an agent named otherwise simply sees no recordings (never someone
 * else's). No call has an agent yet.
 *
 * <p>When the Call record carries the agent's work number (routing is adding it), {@link #agentOfCall} returns it
 * from {@code CallRecords.find(callId)}; when routing keeps a user-to-agent table, {@link #workNumberOf} reads it.
 */
@Component
class CallRecordAgents implements AgentDirectory {

    @Override
    public Optional<String> agentOfCall(String callId) {
        return Optional.empty();
    }

    @Override
    public Optional<String> workNumberOf(String username) {
        return Optional.ofNullable(username);
    }
}
