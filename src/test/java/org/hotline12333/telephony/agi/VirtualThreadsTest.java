package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * {@code hotline.agi.virtual-threads}: virtual threads where the JVM running the service has them (Java 21+), none on
 * Java 17, which the service still runs on. The suite runs on whatever JVM Maven uses; each side is checked there.
 */
class VirtualThreadsTest {

    @Test
    void virtualThreadsFromJava21AndNoneBefore() throws Exception {
        Optional<ThreadFactory> factory = VirtualThreads.factory("agi-call-");
        if (Runtime.version().feature() < 21) {
            assertThat(factory).isEmpty();
            return;
        }
        assertThat(factory).isPresent();
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread thread = factory.get().newThread(() -> ran.complete(Thread.currentThread().getName()));
        assertThat(Thread.class.getMethod("isVirtual").invoke(thread)).isEqualTo(true);
        thread.start();
        await().until(ran::isDone);
        assertThat(ran.join()).isEqualTo("agi-call-1");
    }
}
