package org.hotline12333.quality;

import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who is asking: a supervisor (sees every score), or an agent (their own scores only, by their work number). */
@Component
class QualityUsers {

    private final RoleHierarchy roles;
    private final Agents agents;

    QualityUsers(RoleHierarchy roles, Agents agents) {
        this.roles = roles;
        this.agents = agents;
    }

    /** @param workNumber the agent this user is (routing's agent linked to the user name), or null */
    record Viewer(String username, boolean supervisor, String workNumber) {

        /** Whether this viewer may see the score of a call this agent took. */
        boolean maySee(String agent) {
            return supervisor || (workNumber != null && workNumber.equals(agent));
        }

        /** The agent's work number; 403 for a user who is not an agent. */
        String requireAgent() {
            if (workNumber == null) {
                throw Problems.forbidden("user " + username + " is not linked to an agent (an administrator sets "
                        + "the agent's username: PUT /api/routing/agents/{workNumber})");
            }
            return workNumber;
        }
    }

    /** The thing, when this user may see what concerns this agent; 403 with the refusal otherwise. */
    <T> T allowed(Authentication authentication, String agent, T thing, String refusal) {
        if (!of(authentication).maySee(agent)) {
            throw Problems.forbidden(refusal);
        }
        return thing;
    }

    /** An optional text parameter: null when left out or blank. */
    static String given(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    Viewer of(Authentication authentication) {
        boolean supervisor = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .anyMatch(authority -> "ROLE_SUPERVISOR".equals(authority.getAuthority()));
        String username = authentication.getName();
        return new Viewer(username, supervisor, agents.ofUser(username).map(AgentView::workNumber).orElse(null));
    }
}
