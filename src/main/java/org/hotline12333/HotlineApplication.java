package org.hotline12333;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HotlineApplication {

    public static void main(String[] args) {
        SpringApplication.run(HotlineApplication.class, args);
    }
}
