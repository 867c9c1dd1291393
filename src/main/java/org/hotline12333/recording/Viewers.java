package org.hotline12333.recording;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is asking for recordings and what they may see: supervisors everything, an agent only the recordings of
 * calls they took. A refusal is written to the access log before it is answered with 403.
 */
@Component
class Viewers {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final RoleHierarchy roles;
    private final AgentDirectory agents;
    private final AccessLog accessLog;

    Viewers(RoleHierarchy roles, AgentDirectory agents, AccessLog accessLog) {
        this.roles = roles;
        this.agents = agents;
        this.accessLog = accessLog;
    }

    Viewer of(Authentication authentication, HttpServletRequest request) {
        boolean supervisor = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .anyMatch(a -> "ROLE_SUPERVISOR".equals(a.getAuthority()));
        String username = authentication.getName();
        return new Viewer(username, supervisor, supervisor ? null : agents.workNumberOf(username).orElse(null),
                request.getRemoteAddr());
    }

    /** The recording, if this viewer may have it; 403 (logged) otherwise. */
    RecordingView check(Viewer viewer, RecordingView recording, String what) {
        if (!viewer.maySee(recording)) {
            accessLog.record(viewer.username(), AccessAction.DENIED, recording.id(), recording.callId(),
                    viewer.address(), what);
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "recording " + recording.id()
                    + " is not one of your calls");
        }
        return recording;
    }

    /** A recording id from a request: a UUID, nothing else, so it can never become part of a path. */
    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a recording id");
        }
        return id;
    }

    /**
     * @param workNumber the agent a non-supervisor is, or null
     * @param address    where the request came from
     */
    record Viewer(String username, boolean supervisor, String workNumber, String address) {

        boolean maySee(RecordingView recording) {
            return supervisor || (workNumber != null && workNumber.equals(recording.agent()));
        }
    }
}
