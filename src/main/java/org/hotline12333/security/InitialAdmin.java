package org.hotline12333.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first ADMIN on the first start. The password comes from configuration; when none is configured a
 * random one is generated and written to a file only the service's user can read, never to the log.
 */
@Component
class InitialAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final Users users;
    private final HotlineSecurityProperties.InitialAdmin settings;

    InitialAdmin(Users users, HotlineSecurityProperties properties) {
        this.users = users;
        this.settings = properties.initialAdmin();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!users.none()) {
            return;
        }
        String password = settings.password();
        if (password == null || password.isBlank()) {
            password = generatePassword();
            writePasswordFile(settings.passwordFile(), password);
            log.warn("No users yet and hotline.security.initial-admin.password is not set: created ADMIN '{}' with a "
                    + "generated password, written to {}. Log in, change it, then delete that file.",
                    settings.username(), settings.passwordFile().toAbsolutePath());
        } else {
            log.info("No users yet: created ADMIN '{}' from configuration", settings.username());
        }
        try {
            users.create(settings.username(), password, Role.ADMIN);
        } catch (PasswordRules.WeakPassword e) {
            throw new IllegalStateException("hotline.security.initial-admin.password "
                    + "(HOTLINE_SECURITY_INITIAL_ADMIN_PASSWORD) is not accepted for '" + settings.username() + "': "
                    + e.getMessage() + ". Set another one, or none to have one generated.", e);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void writePasswordFile(Path file, String password) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, password + System.lineSeparator());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the generated admin password to " + file
                    + ": set hotline.security.initial-admin.password instead", e);
        }
    }
}
