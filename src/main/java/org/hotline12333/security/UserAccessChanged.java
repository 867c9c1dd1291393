package org.hotline12333.security;

/**
 * A user was disabled, re-enabled, or got another role or password: what they had open with the old access (web
 * sessions, live streams) ends.
 */
public record UserAccessChanged(String username) {
}
