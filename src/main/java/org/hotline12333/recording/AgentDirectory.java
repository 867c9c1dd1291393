package org.hotline12333.recording;

import java.util.Optional;

/**
 * Who the agents are, as far as recordings need to know: the agent who took a call (to file the recording under
 * them) and the agent a signed-in user is (to let them hear their own calls and no one else's).
 */
interface AgentDirectory {

    /** Work number of the agent who took the call, when an agent did. */
    Optional<String> agentOfCall(String callId);

    /** Work number of the agent this user is, when the user is an agent. */
    Optional<String> workNumberOf(String username);
}
