package org.hotline12333.speech;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts {@link SpeechModelStandIn} in place of the Vosk adapter. */
@TestConfiguration(proxyBeanMethods = false)
class SpeechStandInConfiguration {

    @Bean
    @Primary
    SpeechModelStandIn speechModelStandIn() {
        return new SpeechModelStandIn();
    }
}
