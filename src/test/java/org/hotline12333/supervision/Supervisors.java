package org.hotline12333.supervision;

import org.hotline12333.testkit.Http;

/** Users for supervision tests, created over the API as an administrator would. */
final class Supervisors {

    static final String PASSWORD = "supervisor-password-1";

    private Supervisors() {
    }

    /** A new supervisor (created once per name); returns an API client logged in as them. */
    static Http create(int port, String username) {
        return user(port, username, "SUPERVISOR");
    }

    static Http user(int port, String username, String role) {
        Http admin = Http.on(port).as("admin", "test-admin-password");
        Http.Response created = admin.post("/api/users", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"}");
        if (created.status() >= 300 && created.status() != 409) {
            throw new AssertionError("cannot create " + username + ": " + created.status() + " " + created.body());
        }
        return Http.on(port).as(username, PASSWORD);
    }
}
