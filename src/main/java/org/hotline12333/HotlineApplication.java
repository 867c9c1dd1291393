package org.hotline12333;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HotlineApplication {

    public static void main(String[] args) {
        SpringApplication.run(HotlineApplication.class, args);
    }

    /** The one clock features read the time from; tests put a controllable one in its place (testkit.TestClock). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
