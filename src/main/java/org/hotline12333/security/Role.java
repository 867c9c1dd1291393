package org.hotline12333.security;

/** What a user may do. Each role includes the ones below it: ADMIN > SUPERVISOR > AGENT. */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}
