package org.hotline12333.telephony.agi;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (Java 21 and later) for the blocking FastAGI sessions, found at run time: the service compiles for
 * and runs on Java 17, where there are none and the sessions keep their platform threads.
 */
final class VirtualThreads {

    private VirtualThreads() {
    }

    /** A factory of virtual threads named {@code prefix1}, {@code prefix2}..., or empty before Java 21. */
    static Optional<ThreadFactory> factory(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
            return Optional.of((ThreadFactory) ofVirtual.getMethod("factory").invoke(builder));
        } catch (ReflectiveOperationException beforeJava21) {
            return Optional.empty();
        }
    }
}
