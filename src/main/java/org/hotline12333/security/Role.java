package org.hotline12333.security;

/**
 * What a user may do. Each staff role includes the ones below it: ADMIN > SUPERVISOR > AGENT. DEPARTMENT stands
 * apart: a user of a department that works cases (承办单位), outside the hotline's staff. It includes no other role
 * and no staff role includes it; such a user reaches only the department's own pages and API (see SecurityConfig).
 * METRICS stands apart too: a monitoring system's scraper (Prometheus), which reaches {@code /actuator/prometheus} and
 * nothing else.
 */
public enum Role {
    AGENT, SUPERVISOR, ADMIN, DEPARTMENT, METRICS;

    String authority() {
        return "ROLE_" + name();
    }
}
