package org.hotline12333.routing;

import java.util.List;
import java.util.Set;
import org.hotline12333.cluster.InstanceLost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Another instance's lease ran out: the agents it had claimed are released at once rather than after the stale
 * reservation time. An agent it last changed to RESERVED (a phone ringing for its caller) is READY again; one it put
 * ON_CALL goes to WRAP_UP, whose timer (every instance keeps one) brings them back to READY. A callback it was
 * dialling, or whose agent's phone it was ringing, is due again. Agents in WRAP_UP already need nothing.
 */
@Component
class LostInstanceAgents {

    private static final Logger log = LoggerFactory.getLogger(LostInstanceAgents.class);

    private final JdbcClient db;
    private final RoutingEngine engine;

    LostInstanceAgents(JdbcClient db, RoutingEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    private record Claimed(String workNumber, AgentState state, String callId) {
    }

    @EventListener
    void on(InstanceLost lost) {
        List<Claimed> claimed = db.sql("SELECT a.work_number, a.state, a.call_id FROM agent a"
                        + " WHERE a.state IN ('RESERVED', 'ON_CALL') AND ? = (SELECT c.instance FROM agent_state_change c"
                        + " WHERE c.id = (SELECT MAX(l.id) FROM agent_state_change l WHERE l.work_number = a.work_number))")
                .param(lost.instance())
                .query((rs, n) -> new Claimed(rs.getString(1), AgentState.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
        String why = "instance " + lost.instance() + " was lost";
        for (Claimed agent : claimed) {
            if (agent.state() == AgentState.RESERVED) {
                engine.change(agent.workNumber(), AgentStore.Transition.move(Set.of(AgentState.RESERVED),
                        AgentState.READY, why + " before the call was put through"));
            } else {
                engine.change(agent.workNumber(), AgentStore.Transition.onCall(Set.of(AgentState.ON_CALL),
                        AgentState.WRAP_UP, agent.callId(), why + " during the call"));
            }
        }
        int callbacks = db.sql("UPDATE callback_request SET status = 'PENDING', claimed_by = NULL,"
                        + " last_error = ? WHERE status = 'DIALLING' AND claimed_by = ?")
                .params(why + " while dialling", lost.instance()).update();
        // rung, but the agent's phone never reached the service: the citizen was not called
        callbacks += db.sql("UPDATE callback_request SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE"
                        + " 'PENDING' END, claimed_by = NULL, next_attempt = ?, updated_at = ?, last_error = ?"
                        + " WHERE status = 'DIALLED' AND claimed_by = ? AND outbound_call_id IS NULL")
                .params(engine.properties().callbackMaxAttempts(), AgentStore.ts(lost.at()),
                        AgentStore.ts(lost.at()), why + " while the agent's phone rang", lost.instance()).update();
        if (!claimed.isEmpty() || callbacks > 0) {
            log.warn("Released {} agent(s) and {} callback(s) that lost instance '{}' had claimed", claimed.size(),
                    callbacks, lost.instance());
        }
    }
}
