package org.hotline12333.speech;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The transcription queue in {@code /actuator/metrics} and {@code /actuator/prometheus}: jobs queued, running and
 * failed (from the database, shared by every instance: take the max across instances, not the sum). A scrape reads
 * the counts once for all the states.
 */
@Component
class SpeechMetrics implements MeterBinder {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final TranscriptionQueue queue;
    private Map<SpeechJobs.State, Long> counts = Map.of();
    private long readAt;

    SpeechMetrics(TranscriptionQueue queue) {
        this.queue = queue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SpeechJobs.State state : SpeechJobs.State.values()) {
            if (state != SpeechJobs.State.DONE) {
                Gauge.builder("hotline.speech.queue", this, metrics -> metrics.jobs(state)).tag("state", state.name())
                        .description("transcription jobs in this state, in the whole centre").register(registry);
            }
        }
    }

    private synchronized long jobs(SpeechJobs.State state) {
        if (readAt == 0 || System.nanoTime() - readAt > FRESH_NANOS) {
            counts = queue.counts();
            readAt = System.nanoTime();
        }
        return counts.getOrDefault(state, 0L);
    }
}
