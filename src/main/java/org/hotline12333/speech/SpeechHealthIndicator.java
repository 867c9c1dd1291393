package org.hotline12333.speech;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Speech in {@code /actuator/health}: UP with a model; LOADING while it loads; OFF, with the reason, without one.
 * OFF and LOADING are statuses of their own that do not change the service's overall health: calls are served
 * without speech features.
 */
@Component("speech")
class SpeechHealthIndicator implements HealthIndicator {

    static final Status OFF = new Status("OFF", "speech features are off");
    static final Status LOADING = new Status("LOADING", "the speech model is loading");

    private final SpeechRecognizer recognizer;
    private final TranscriptionQueue queue;
    private final SpeechProperties properties;

    SpeechHealthIndicator(SpeechRecognizer recognizer, TranscriptionQueue queue, SpeechProperties properties) {
        this.recognizer = recognizer;
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public Health health() {
        ModelStatus model = recognizer.status();
        Health.Builder health = switch (model.state()) {
            case READY -> Health.up();
            case LOADING -> Health.status(LOADING).withDetail("reason", model.reason());
            case OFF -> Health.status(OFF).withDetail("reason", "speech features are off: " + model.reason());
        };
        if (model.model() != null) {
            health.withDetail("model", model.model());
        }
        health.withDetail("sampleRate", properties.sampleRate()).withDetail("recognizers", queue.threads());
        try {
            Map<SpeechJobs.State, Long> jobs = queue.counts();
            health.withDetail("recordingsQueued", jobs.get(SpeechJobs.State.QUEUED))
                    .withDetail("recordingsInProgress", jobs.get(SpeechJobs.State.RUNNING))
                    .withDetail("recordingsFailed", jobs.get(SpeechJobs.State.FAILED))
                    .withDetail("recordingsTranscribed", jobs.get(SpeechJobs.State.DONE));
        } catch (RuntimeException e) {
            health.withDetail("queue", "unreadable: " + e.getMessage());
        }
        return health.build();
    }
}
