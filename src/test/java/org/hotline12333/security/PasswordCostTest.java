package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The service stores passwords as BCrypt at cost 10 (the tests' running services use cost 4, for speed). */
class PasswordCostTest {

    @Test
    void passwordsAreStoredAsBcryptAtCostTen() {
        PasswordEncoder encoder = new SecurityConfig().passwordEncoder();
        String hash = encoder.encode("correct horse battery staple");

        assertThat(hash).startsWith("$2a$10$");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stable", hash)).isFalse();
    }
}
