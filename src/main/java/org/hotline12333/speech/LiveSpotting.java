package org.hotline12333.speech;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.StartStopOrder;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallEnded;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.recording.RecordingStarted;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forbidden phrases caught while the call is on. When an agent answers a call this instance is recording, the
 * agent's side of the recording is watched ({@link LiveWatch}) until the agent leaves the call; a forbidden phrase
 * heard raises a {@link AlertKind#FORBIDDEN_PHRASE_LIVE} alert naming the call and the agent, which the floor shows
 * with a button to listen in. The listeners only take note: the reading and hearing run on this feature's own
 * threads, never on a call's or the AMI reader's.
 */
@Component
class LiveSpotting implements SmartLifecycle {

    /** Calls one recognizer thread keeps up with by default (measured: docs/speech.md, "Live"). */
    static final int CALLS_PER_THREAD = 2;

    private static final Logger log = LoggerFactory.getLogger(LiveSpotting.class);

    private final SpeechRecognizer recognizer;
    private final RecognizerPool pool;
    private final Alerts alerts;
    private final SpeechProperties properties;
    private final int maxCalls;
    private final Map<String, RecordingStarted> recordings = new ConcurrentHashMap<>();
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final DistributionSummary behind;
    private volatile ScheduledExecutorService threads;

    LiveSpotting(SpeechRecognizer recognizer, RecognizerPool pool, Alerts alerts, SpeechProperties properties,
                 MeterRegistry meters) {
        this.recognizer = recognizer;
        this.pool = pool;
        this.alerts = alerts;
        this.properties = properties;
        this.maxCalls = properties.live().maxCalls() > 0 ? properties.live().maxCalls()
                : CALLS_PER_THREAD * properties.effectiveThreads();
        meters.gauge("hotline.speech.live.calls", watched, Map::size);
        this.behind = DistributionSummary.builder("hotline.speech.live.behind").baseUnit("seconds")
                .description("audio of a watched call written but not yet heard, at each look").register(meters);
    }

    /** One agent's part of a call, and the task that hears it. */
    private static final class Watched {
        final LiveWatch watch;
        volatile ScheduledFuture<?> task;
        volatile boolean ending;

        Watched(LiveWatch watch) {
            this.watch = watch;
        }
    }

    @EventListener
    void on(RecordingStarted started) {
        if (properties.live().enabled() && started.otherSide() != null) {
            recordings.put(started.callId(), started);
        }
    }

    @EventListener
    void on(AgentStateChanged change) {
        if (change.callId() == null) {
            return;
        }
        if (change.to() == AgentState.ON_CALL) {
            answered(change.callId(), change.workNumber());
        } else if (change.from() == AgentState.ON_CALL) {
            left(change.callId(), change.workNumber());
        }
    }

    @EventListener
    void on(CallEnded ended) {
        recordings.remove(ended.callId());
        watched.values().stream().filter(w -> w.watch.callId().equals(ended.callId())).forEach(w -> w.ending = true);
    }

    @EventListener
    void on(RecordingClosed closed) {
        recordings.remove(closed.callId());
    }

    /** Calls watched now. */
    int calls() {
        return watched.size();
    }

    private void answered(String callId, String agent) {
        RecordingStarted recording = recordings.get(callId);
        ScheduledExecutorService running = threads;
        if (recording == null || running == null || recognizer.status().state() == ModelStatus.State.OFF) {
            return;
        }
        if (watched.size() >= maxCalls) {
            log.info("Call {} is not watched live: {} calls are watched already (hotline.speech.live.max-calls); its "
                    + "recording is analysed after the call", callId, watched.size());
            return;
        }
        long answeredAt;
        try {
            answeredAt = GrowingWav.audioBytesNow(recording.otherSide());
        } catch (IOException | RuntimeException e) {
            log.warn("Call {} is not watched live: cannot read {} ({})", callId, recording.otherSide(), e.getMessage());
            return;
        }
        Watched watch = new Watched(new LiveWatch(callId, agent, recording.otherSide(), answeredAt,
                properties.findings().forbiddenPhrases(), recognizer, pool));
        watched.put(key(callId, agent), watch);
        long every = Math.max(1, properties.live().pollInterval().toMillis());
        watch.task = running.scheduleWithFixedDelay(() -> look(watch), 0, every, TimeUnit.MILLISECONDS);
    }

    private void left(String callId, String agent) {
        Watched watch = watched.get(key(callId, agent));
        if (watch != null) {
            watch.ending = true;
        }
    }

    /** One look at a watched call: what is new, or, once the agent has left, the rest and the end. */
    private void look(Watched watched) {
        LiveWatch watch = watched.watch;
        boolean ending = watched.ending;
        try {
            List<LiveWatch.Heard> heard = ending ? watch.finish() : watch.poll();
            heard.forEach(phrase -> raise(watch, phrase));
            if (!ending) {
                behind.record(watch.behind());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.warn("Stopped watching call {} live: {}", watch.callId(), e.getMessage());
        }
        end(watched);
    }

    private void raise(LiveWatch watch, LiveWatch.Heard heard) {
        String message = "Agent " + watch.agent() + " said 「" + heard.phrase() + "」 at "
                + Transcription.clockTime(heard.start()) + " of call " + watch.callId()
                + ", which is still on: listen in from the floor";
        alerts.raise(AlertKind.FORBIDDEN_PHRASE_LIVE, watch.callId(), Mask.inText(message), watch.callId(),
                watch.agent());
    }

    private void end(Watched watch) {
        ScheduledFuture<?> task = watch.task;
        if (task != null) {
            task.cancel(false);
        }
        watched.remove(key(watch.watch.callId(), watch.watch.agent()), watch);
        try {
            watch.watch.close();
        } catch (IOException e) {
            log.debug("Could not close the recording of call {}: {}", watch.watch.callId(), e.getMessage());
        }
    }

    private static String key(String callId, String agent) {
        return callId + "|" + agent;
    }

    @Override
    public void start() {
        AtomicInteger numbers = new AtomicInteger();
        threads = Executors.newScheduledThreadPool(properties.effectiveThreads(), work -> {
            Thread thread = new Thread(work, "speech-live-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops watching; a stretch of audio being heard is finished first, so no recognizer is left in use. */
    @Override
    public void stop() {
        ScheduledExecutorService running = threads;
        threads = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Live speech threads did not stop within 30 s");
                running.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List.copyOf(watched.values()).forEach(this::end);
    }

    @Override
    public boolean isRunning() {
        return threads != null;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.LIVE_SPOTTING;
    }
}
