package org.hotline12333.testkit;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How every test waits for another thread (registered for all tests through junit-platform.properties): Awaitility
 * looks every 10 ms from the start, and gives up after 30 s, a bound for a busy 2-core machine, never a measure of
 * speed. A test states only what it waits for; timings belong in benchmarks.
 */
public class WaitDefaults implements BeforeAllCallback {

    /** The longest any test waits for one thing. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        Awaitility.setDefaultTimeout(TIMEOUT);
    }
}
