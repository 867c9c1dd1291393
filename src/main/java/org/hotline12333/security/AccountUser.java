package org.hotline12333.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A logged-in user as Spring Security keeps them, with the account's access version at login: a web session whose
 * version is no longer the account's (disabled, role or password changed since) is ended ({@link SessionCheck}).
 */
final class AccountUser extends User {

    private final long accessVersion;

    AccountUser(UserAccount account) {
        super(account.username(), account.passwordHash(), account.enabled(), true, true, true,
                List.of(new SimpleGrantedAuthority(account.role().authority())));
        this.accessVersion = account.accessVersion();
    }

    long accessVersion() {
        return accessVersion;
    }
}
