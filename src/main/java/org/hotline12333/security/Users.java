package org.hotline12333.security;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes the people who may use the service. Passwords are stored as BCrypt hashes only and follow
 * {@link PasswordRules} however they are set. The last enabled administrator can be neither disabled nor demoted.
 * Disabling a user or changing their role or password ends what they had open ({@link UserAccessChanged}).
 */
@Service
public class Users {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Lockouts lockouts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Users(UserAccountRepository accounts, PasswordEncoder passwordEncoder, Lockouts lockouts,
          ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.lockouts = lockouts;
        this.events = events;
    }

    @Transactional
    public UserView create(String username, String password, Role role) {
        if (accounts.findByUsername(username).isPresent()) {
            throw new UserAlreadyExistsException(username);
        }
        PasswordRules.check(username, password);
        return accounts.save(new UserAccount(username, passwordEncoder.encode(password), role, clock.instant())).view();
    }

    @Transactional
    public Optional<UserView> update(String username, UserChange change) {
        Optional<UserAccount> found = accounts.findByUsername(username);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UserAccount account = found.get();
        boolean losesAdmin = account.role() == Role.ADMIN && account.enabled()
                && (Boolean.FALSE.equals(change.enabled()) || change.role() != null && change.role() != Role.ADMIN);
        if (losesAdmin && accounts.findByRoleAndEnabledTrueOrderById(Role.ADMIN).size() <= 1) {
            throw new LastAdministrator(username);
        }
        if (change.password() != null) {
            PasswordRules.check(username, change.password());
        }
        long before = account.accessVersion();
        if (change.password() != null) {
            account.changePasswordHash(passwordEncoder.encode(change.password()));
            lockouts.succeeded(Lockouts.Realm.WEB_USER, username); // a new password from an admin also unlocks
        }
        if (change.role() != null) {
            account.changeRole(change.role());
        }
        if (change.enabled() != null) {
            account.enable(change.enabled());
        }
        if (account.accessVersion() != before) {
            events.publishEvent(new UserAccessChanged(username));
        }
        return Optional.of(account.view());
    }

    /** A user changes their own password; the current one must be given (and counts as a login attempt). */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserAccount account = accounts.findByUsername(username).orElseThrow(() -> new WrongPassword());
        if (lockouts.lockedUntil(Lockouts.Realm.WEB_USER, username).isPresent()) {
            throw new WrongPassword();
        }
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            lockouts.failed(Lockouts.Realm.WEB_USER, username);
            throw new WrongPassword();
        }
        PasswordRules.check(username, newPassword);
        if (passwordEncoder.matches(newPassword, account.passwordHash())) {
            throw new PasswordRules.WeakPassword("password: the new password must differ from the current one");
        }
        account.changePasswordHash(passwordEncoder.encode(newPassword));
        events.publishEvent(new UserAccessChanged(username));
    }

    @Transactional(readOnly = true)
    public List<UserView> all() {
        return accounts.findAllByOrderByUsername().stream().map(UserAccount::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(String username) {
        return accounts.findByUsername(username).map(UserAccount::view);
    }

    @Transactional(readOnly = true)
    boolean none() {
        return accounts.count() == 0;
    }

    /** Fields left null are not changed. */
    public record UserChange(String password, Role role, Boolean enabled) {
    }

    public static class UserAlreadyExistsException extends RuntimeException {
        UserAlreadyExistsException(String username) {
            super("user '" + username + "' already exists");
        }
    }

    /** Disabling or demoting the last enabled administrator would leave nobody to manage users (HTTP 409). */
    static class LastAdministrator extends RuntimeException {
        LastAdministrator(String username) {
            super("'" + username + "' is the last enabled administrator: make another user ADMIN first");
        }
    }

    /** The current password given is not the user's, or their logins are locked (HTTP 403). */
    static class WrongPassword extends RuntimeException {
        WrongPassword() {
            super("the current password is not right (or too many failed logins: try again later)");
        }
    }
}
