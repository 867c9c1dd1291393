package org.hotline12333.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service in trouble, one running service for the test classes that need it: sized for two calls at once
 * and one overflow caller; a second Asterisk node, {@code district-east}, whose AMI greets but never answers a login
 * ({@link #MUTE}); and IVR scripts with every {@link HostileYaml} file among them ({@link #SCRIPTS}), reloaded every
 * 200 ms. Tests here keep to two calls at once, and look only at the alerts and problems of their own kind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HotlineTest
@Import(TroubledServiceTest.Trouble.class)
@TestPropertySource(properties = {"hotline.agi.max-calls=2", "hotline.agi.overflow-calls=1",
        "hotline.ivr.reload-interval=200ms"})
public @interface TroubledServiceTest {

    /** The second node's AMI: it greets, and never answers a login. */
    AmiStandIn MUTE = Trouble.mute();

    /** The service's scripts directory: a copy of ivr-scripts/ with the hostile files written into it. */
    Path SCRIPTS = IvrScriptsCopy.withHostileFiles();

    @TestConfiguration(proxyBeanMethods = false)
    class Trouble {

        private static AmiStandIn mute() {
            AmiStandIn mute = AmiStandIn.start("hotline", "secret");
            mute.answerLogins(false);
            return mute;
        }

        @Bean
        static DynamicPropertyRegistrar trouble() {
            return registry -> {
                registry.add("hotline.asterisk.nodes[1].name", () -> "district-east");
                registry.add("hotline.asterisk.nodes[1].host", () -> "127.0.0.1");
                registry.add("hotline.asterisk.nodes[1].port", MUTE::port);
                registry.add("hotline.asterisk.nodes[1].username", () -> "hotline");
                registry.add("hotline.asterisk.nodes[1].secret", () -> "secret");
                registry.add("hotline.ivr.scripts-directory", SCRIPTS::toString);
            };
        }
    }
}
