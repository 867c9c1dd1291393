package org.hotline12333.testkit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

@TestConfiguration(proxyBeanMethods = false)
public class TestKitConfiguration {

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

    @Bean
    ScriptedCalls scriptedCalls() {
        return new ScriptedCalls();
    }

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Primary
    TranscriptRecognizer transcriptRecognizer() {
        return new TranscriptRecognizer();
    }

    /**
     * Points the service's only AMI node at the shared stand-in, its SMS gateway at the shared SMSC stand-in (on an account of its own), and its
     * recordings at the stand-in's MixMonitor folder: the shared one, or the one a test names with
     * {@code hotline.test.recordings-directory}.
     */
    @Bean
    static DynamicPropertyRegistrar standInAsterisk(Environment environment) {
        String ownRecordings = environment.getProperty("hotline.test.recordings-directory");
        return registry -> {
            AmiStandIn ami = StandInAsterisk.ami();
            registry.add("hotline.asterisk.nodes[0].name", () -> StandInAsterisk.NODE);
            registry.add("hotline.asterisk.nodes[0].host", () -> "127.0.0.1");
            registry.add("hotline.asterisk.nodes[0].port", ami::port);
            registry.add("hotline.asterisk.nodes[0].username", () -> StandInAsterisk.USERNAME);
            registry.add("hotline.asterisk.nodes[0].secret", () -> StandInAsterisk.SECRET);
            registry.add("hotline.asterisk.nodes[0].recordings-path", () -> StandInAsterisk.RECORDINGS_PATH);
            SmscStandIn smsc = SmscStandIn.shared();
            String account = SmscStandIn.newAccount();
            registry.add("hotline.outreach.sms.enabled", () -> "true");
            registry.add("hotline.outreach.sms.host", () -> "127.0.0.1");
            registry.add("hotline.outreach.sms.port", smsc::port);
            registry.add("hotline.outreach.sms.system-id", () -> account);
            registry.add("hotline.outreach.sms.password", () -> SmscStandIn.PASSWORD);
            registry.add("hotline.recordings.directory",
                    () -> ownRecordings != null ? ownRecordings : StandInAsterisk.recordingsRoot().toString());
        };
    }
}
