package org.hotline12333.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes the people who may use the service. Passwords are stored as BCrypt hashes only. */
@Service
public class Users {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    Users(UserAccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    public UserView create(String username, String password, Role role) {
        if (accounts.findByUsername(username).isPresent()) {
            throw new UserAlreadyExistsException(username);
        }
        return accounts.save(new UserAccount(username, passwordEncoder.encode(password), role)).view();
    }

    @Transactional
    public Optional<UserView> update(String username, UserChange change) {
        return accounts.findByUsername(username).map(account -> {
            if (change.password() != null) {
                account.changePasswordHash(passwordEncoder.encode(change.password()));
            }
            if (change.role() != null) {
                account.changeRole(change.role());
            }
            if (change.enabled() != null) {
                account.enable(change.enabled());
            }
            return account.view();
        });
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
}
