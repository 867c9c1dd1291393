package org.hotline12333.telephony;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service at the telephony edge's limits, one running service for the test classes that need them: sized
 * for two calls at once and one overflow caller, and with a second Asterisk node, {@code district-east}, whose AMI
 * greets but never answers a login ({@link #MUTE}). Tests here keep to two calls at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HotlineTest
@Import(EdgeLimitsTest.MuteNode.class)
@TestPropertySource(properties = {"hotline.agi.max-calls=2", "hotline.agi.overflow-calls=1"})
public @interface EdgeLimitsTest {

    /** The second node's AMI: it greets, and never answers a login. */
    AmiStandIn MUTE = MuteNode.mute();

    @TestConfiguration(proxyBeanMethods = false)
    class MuteNode {

        private static AmiStandIn mute() {
            AmiStandIn mute = AmiStandIn.start("hotline", "secret");
            mute.answerLogins(false);
            return mute;
        }

        @Bean
        static DynamicPropertyRegistrar muteNode() {
            return registry -> {
                registry.add("hotline.asterisk.nodes[1].name", () -> "district-east");
                registry.add("hotline.asterisk.nodes[1].host", () -> "127.0.0.1");
                registry.add("hotline.asterisk.nodes[1].port", MUTE::port);
                registry.add("hotline.asterisk.nodes[1].username", () -> "hotline");
                registry.add("hotline.asterisk.nodes[1].secret", () -> "secret");
            };
        }
    }
}
