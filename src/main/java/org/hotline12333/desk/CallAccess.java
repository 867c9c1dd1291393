package org.hotline12333.desk;

import java.util.Objects;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.DeskAgents;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is at the desk, and which calls they may open: an agent only calls they took part in (offered to them now,
 * answered by them, or a leg of theirs, e.g. before a transfer); a supervisor any. A refusal says why.
 */
@Component
class CallAccess {

    private final DeskAgents agents;
    private final CallRecords records;
    private final RoleHierarchy roles;

    CallAccess(DeskAgents agents, CallRecords records, RoleHierarchy roles) {
        this.agents = agents;
        this.records = records;
        this.roles = roles;
    }

    /** Who is asking: their agent (404 saying so when the user is linked to none), and whether they supervise. */
    record Viewer(String username, AgentView agent, boolean supervisor) {

        String workNumber() {
            return agent.workNumber();
        }
    }

    Viewer viewer(Authentication user) {
        AgentView agent = agents.ofUser(user.getName()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no agent is linked to user '" + user.getName() + "': an administrator links "
                + "one (PUT /api/routing/agents/{workNumber} with \"username\")"));
        boolean supervisor = roles.getReachableGrantedAuthorities(user.getAuthorities()).stream()
                .anyMatch(a -> "ROLE_SUPERVISOR".equals(a.getAuthority()));
        return new Viewer(user.getName(), agent, supervisor);
    }

    /** The call, if this viewer may open it: 404 when there is none, 403 saying whose it is otherwise. */
    CallSummary open(Viewer viewer, String callId) {
        CallSummary call = records.find(callId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no call " + callId));
        if (viewer.supervisor() || mine(viewer.workNumber(), call)) {
            return call;
        }
        String answeredBy = call.routing().agent();
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "call " + callId + " is not yours: "
                + (answeredBy == null ? "it was not put through to you" : "agent " + answeredBy + " answered it")
                + "; an agent opens only the calls they took (you are agent " + viewer.workNumber() + ")");
    }

    boolean mine(String workNumber, CallSummary call) {
        return workNumber.equals(call.routing().agent())
                || agents.agent(workNumber).map(AgentView::callId).filter(call.id()::equals).isPresent()
                || records.legs(call.id()).stream().map(CallLegView::agent).anyMatch(a -> Objects.equals(a, workNumber));
    }
}
