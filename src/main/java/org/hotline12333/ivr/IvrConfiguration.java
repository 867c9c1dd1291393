package org.hotline12333.ivr;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Script reload runs on Spring's scheduler. */
@Configuration
@EnableScheduling
class IvrConfiguration {
}
