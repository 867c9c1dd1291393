package org.hotline12333.recording;

import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.stereotype.Component;

/**
 * The agent of a call is the one routing put the caller through to (the last one after transfers), as the Call
 * record says; the agent a user is comes from routing's link between agents and user accounts.
 */
@Component
class CallRecordAgents implements AgentDirectory {

    private final CallRecords calls;
    private final Agents agents;

    CallRecordAgents(CallRecords calls, Agents agents) {
        this.calls = calls;
        this.agents = agents;
    }

    @Override
    public Optional<String> agentOfCall(String callId) {
        return calls.agentOf(callId);
    }

    @Override
    public Optional<String> workNumberOf(String username) {
        return agents.ofUser(username).map(AgentView::workNumber);
    }
}
