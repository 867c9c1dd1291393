package org.hotline12333.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "app_user")
class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Bumped by every change of access: sessions opened before it end. */
    @Column(name = "access_version", nullable = false)
    private long accessVersion;

    protected UserAccount() {
    }

    UserAccount(String username, String passwordHash, Role role, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    Role role() {
        return role;
    }

    boolean enabled() {
        return enabled;
    }

    Instant createdAt() {
        return createdAt;
    }

    long accessVersion() {
        return accessVersion;
    }

    void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        accessVersion++;
    }

    /** True when the role changed. */
    boolean changeRole(Role role) {
        boolean changed = this.role != role;
        this.role = role;
        accessVersion += changed ? 1 : 0;
        return changed;
    }

    /** True when enabled changed. */
    boolean enable(boolean enabled) {
        boolean changed = this.enabled != enabled;
        this.enabled = enabled;
        accessVersion += changed ? 1 : 0;
        return changed;
    }

    UserView view() {
        return new UserView(username, role, enabled, createdAt);
    }
}
