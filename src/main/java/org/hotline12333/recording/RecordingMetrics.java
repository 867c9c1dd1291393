package org.hotline12333.recording;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Recording in {@code /actuator/metrics}: recordings being closed, how they closed, and free disk space. */
@Component
class RecordingMetrics implements MeterBinder {

    private final RecordingCloser closer;
    private final RecordingFinisher finisher;
    private final DiskWatch disk;

    RecordingMetrics(RecordingCloser closer, RecordingFinisher finisher, DiskWatch disk) {
        this.closer = closer;
        this.finisher = finisher;
        this.disk = disk;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hotline.recordings.closing", closer, RecordingCloser::closing)
                .description("recordings whose files are settling or being checked after the hang-up")
                .register(registry);
        for (RecordingState state : RecordingState.values()) {
            if (state != RecordingState.RECORDING) {
                FunctionCounter.builder("hotline.recordings.closed", finisher, f -> f.closedCount(state))
                        .tag("state", state.name()).description("recordings closed, by the state they closed in")
                        .register(registry);
            }
        }
        Gauge.builder("hotline.recordings.disk.free", disk, DiskWatch::lastFreeBytes).baseUnit("bytes")
                .description("free space in the recordings directory at the last check").register(registry);
    }
}
