package org.hotline12333.security;

import java.time.Instant;

/** A user as the API shows it: never with the password hash. */
public record UserView(String username, Role role, boolean enabled, Instant createdAt) {
}
