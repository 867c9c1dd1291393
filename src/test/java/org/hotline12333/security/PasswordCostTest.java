package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The service stores passwords as BCrypt at cost 10 unless its operator configures another (the tests' running
 * services use cost 4, for speed: application-test.yml).
 */
class PasswordCostTest {

    @Test
    void passwordsAreStoredAsBcryptAtCostTenByDefault() {
        PasswordEncoder encoder = encoderConfiguredWith(Map.of());
        String hash = encoder.encode("correct horse battery staple");

        assertThat(hash).startsWith("$2a$10$");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stable", hash)).isFalse();
    }

    @Test
    void anOperatorCanRaiseTheCostAndHashesMadeAtTheOldCostStillMatch() {
        String old = encoderConfiguredWith(Map.of()).encode("correct horse battery staple");
        PasswordEncoder raised = encoderConfiguredWith(Map.of("hotline.security.password-cost", "11"));

        assertThat(raised.encode("correct horse battery staple")).startsWith("$2a$11$");
        assertThat(raised.matches("correct horse battery staple", old)).isTrue();
    }

    private static PasswordEncoder encoderConfiguredWith(Map<String, String> properties) {
        HotlineSecurityProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hotline.security", HotlineSecurityProperties.class);
        return new SecurityConfig().passwordEncoder(bound);
    }
}
