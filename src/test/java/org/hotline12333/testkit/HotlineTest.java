package org.hotline12333.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service, as it runs, against the shared Asterisk stand-in ({@link StandInAsterisk}): real HTTP on a
 * random port, FastAGI on a free port ({@code local.agi.port}), AMI logged in to the stand-in, an in-memory H2.
 * Test classes with this annotation and no other configuration share one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestKitConfiguration.class)
public @interface HotlineTest {
}
