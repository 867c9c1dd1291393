package org.hotline12333.cases;

import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Turns the signed-in user into an {@link Actor}. */
@Component
class Actors {

    private final Agents agents;
    private final Departments departments;
    private final RoleHierarchy roles;

    Actors(Agents agents, Departments departments, RoleHierarchy roles) {
        this.agents = agents;
        this.departments = departments;
        this.roles = roles;
    }

    /** A member of staff (AGENT or above). */
    Actor staff(Authentication user) {
        boolean supervisor = roles.getReachableGrantedAuthorities(user.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_SUPERVISOR"::equals);
        String workNumber = agents.ofUser(user.getName()).map(AgentView::workNumber).orElse(null);
        return new Actor(user.getName(), supervisor, workNumber, null);
    }

    /** A department's user; 403 when no department has them yet. */
    Actor department(Authentication user) {
        String department = departments.of(user.getName()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.FORBIDDEN, "user '" + user.getName() + "' belongs to no department yet: an administrator "
                        + "adds them (PUT /api/cases/departments/{code})"));
        return new Actor(user.getName(), false, null, department);
    }
}
