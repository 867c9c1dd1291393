package org.hotline12333.recording;

import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.EndedBy;
import org.hotline12333.cluster.InstanceLost;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Notices that a recorded call has hung up and closes its recording once, off the call path.
 *
 * <p>A hang-up shows up several ways: the AGI session ends ({@link CallEnded}), AMI reports the caller's channel
 * hung up ({@link PbxEvent.ChannelHungUp}), a channel is gone after an AMI reconnect, or, after a restart, a
 * recording is left RECORDING with its call closed. Whichever comes first claims the recording; the others find it
 * claimed or closed and do nothing. The claim then waits for the files to settle: MixMonitor still flushes for a
 * moment after the hang-up, and a call the session handed back to the dialplan (the fallback queue) goes on
 * recording until the caller really hangs up. Files count as settled when their sizes stop changing for
 * {@code settle-interval} and each has audio; a file still missing or empty after {@code settle-timeout} is
 * reported as such.
 */
@Component
class RecordingCloser {

    private static final Logger log = LoggerFactory.getLogger(RecordingCloser.class);
    /** How long a stop waits for the recording checks running then. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final RecordingRepository recordings;
    private final RecordingRows rows;
    private final RecordingLayout layout;
    private final RecordingFinisher finisher;
    private final Alerts alerts;
    private final CallRecords calls;
    private final RecordingsProperties properties;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    /** recording id → the call and channel it records; only recordings this instance started. */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** For AMI hang-ups. */
    private final Map<Channel, String> byChannel = new ConcurrentHashMap<>();
    /** For the calls' ends, without asking the database. */
    private final Map<String, String> byCall = new ConcurrentHashMap<>();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    RecordingCloser(RecordingRepository recordings, RecordingRows rows, RecordingLayout layout,
                    RecordingFinisher finisher, Alerts alerts, CallRecords calls, RecordingsProperties properties,
                    Clock clock) {
        this.clock = clock;
        this.recordings = recordings;
        this.rows = rows;
        this.layout = layout;
        this.finisher = finisher;
        this.alerts = alerts;
        this.calls = calls;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(properties.closerThreads(), task -> {
            Thread thread = new Thread(task, "recording-closer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A recording this instance has started: its call's end or its channel's AMI hang-up closes it. */
    void track(String recordingId, String callId, String node, String uniqueId) {
        Channel channel = new Channel(node, uniqueId);
        tracked.put(recordingId, new Tracked(channel, callId));
        byChannel.put(channel, recordingId);
        byCall.put(callId, recordingId);
    }

    /** The recording this instance started on this channel and has not closed yet. */
    Optional<String> recordingOf(String node, String uniqueId) {
        return Optional.ofNullable(byChannel.get(new Channel(node, uniqueId)));
    }

    /** Recording could not start: the row says why, a sidecar too, and supervisors hear of it when it matters. */
    void failedToStart(String recordingId, String callId, String reason, boolean alert) {
        if (recordingId != null) {
            forget(recordingId);
            finisher.failToStart(recordingId, reason);
            submit(() -> finisher.rewriteSidecar(recordingId));
        }
        if (alert) {
            alerts.raise(AlertKind.RECORDING, recordingId != null ? recordingId : callId,
                    "Call " + callId + " is not being recorded: " + reason);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CallEnded ended) {
        submit(() -> callEnded(ended));
    }

    @EventListener
    void on(PbxEvent.ChannelHungUp hungUp) {
        String recordingId = byChannel.get(new Channel(hungUp.node(), hungUp.uniqueId()));
        if (recordingId != null) {
            close(recordingId, hungUp.at(), "AMI hang-up");
        }
    }

    /** After an AMI reconnect: a recorded channel that no longer exists has hung up while AMI was away. */
    @EventListener
    void on(PbxEvent.ChannelsResynced resynced) {
        Set<String> live = resynced.channels().stream().map(LiveChannel::uniqueId).collect(Collectors.toSet());
        tracked.forEach((recordingId, recorded) -> {
            Channel channel = recorded.channel();
            if (channel.node().equals(resynced.node()) && !live.contains(channel.uniqueId())) {
                close(recordingId, resynced.at(), "channel gone after AMI reconnect");
            }
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverAfterStart() {
        submit(this::recoverLeftovers);
    }

    /**
     * Recordings nobody is closing: their call was closed by a restart (this instance crashed while recording) or by
     * the take-over of a lost instance (the survivor crashed in turn before closing them), or
     * ended longer than {@code max-call-length} ago (a lost hang-up), or is gone. Recordings of calls that ended
     * lately are left alone: the instance that took the call may still be watching their files.
     */
    int recoverLeftovers() {
        int recovered = 0;
        Instant longAgo = clock.instant().minus(properties.maxCallLength());
        for (Recording recording : recordings.findByState(RecordingState.RECORDING)) {
            if (tracked.containsKey(recording.id()) || claimed.contains(recording.id())) {
                continue;
            }
            CallSummary call = calls.find(recording.callId()).orElse(null);
            boolean leftover = call == null ? recording.view().startedAt().isBefore(longAgo)
                    : !call.open() && (call.endedBy() == EndedBy.RESTART || call.endedBy() == EndedBy.INSTANCE_LOST
                    || call.endedAt().isBefore(longAgo));
            if (leftover) {
                close(recording.id(), call == null ? clock.instant() : call.endedAt(), "left recording");
                recovered++;
            }
        }
        return recovered;
    }

    /**
     * Another instance was lost: the recordings of its calls that had ended, whose files it was still watching when
     * it stopped, are closed here (those of its calls still open are closed through the take-over's CallEnded).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(InstanceLost lost) {
        submit(() -> {
            Map<String, Recording> byCall = recordings.findByState(RecordingState.RECORDING).stream()
                    .filter(recording -> !tracked.containsKey(recording.id()) && !claimed.contains(recording.id()))
                    .collect(Collectors.toMap(Recording::callId, recording -> recording, (a, b) -> a));
            for (String callId : calls.endedOf(lost.instance(), byCall.keySet())) {
                close(byCall.get(callId).id(), calls.find(callId).map(CallSummary::endedAt).orElse(lost.at()),
                        "instance " + lost.instance() + " lost");
            }
        });
    }

    /** Claims the recording for closing, once; the files are then watched until they settle. */
    void close(String recordingId, Instant endedAt, String trigger) {
        if (!claimed.add(recordingId)) {
            return;
        }
        log.debug("Closing recording {} ({})", recordingId, trigger);
        submit(() -> {
            try {
                RecordingView recording = rows.view(recordingId).orElse(null);
                if (recording == null || recording.state() != RecordingState.RECORDING) {
                    release(recordingId);
                    return;
                }
                List<Path> files = recording.files().values().stream().map(file -> layout.resolve(file.path()))
                        .toList();
                new Settling(recordingId, endedAt, files).run();
            } catch (RuntimeException e) {
                log.error("Could not close recording {}", recordingId, e);
                release(recordingId);
            }
        });
    }

    /** Recordings whose files are being watched or checked now. */
    int closing() {
        return claimed.size();
    }

    /** Nothing is being closed, queued or run (hang-ups handled, files checked, sidecars written). */
    boolean idle() {
        return claimed.isEmpty() && executor.getQueue().isEmpty() && executor.getActiveCount() == 0;
    }

    /**
     * A recording being checked now is finished (within {@link #STOP_WAIT}); those still settling or queued are left
     * RECORDING for the next start. Interrupting a check would not lose it either ({@link AudioFiles.Interrupted}), but
     * the database is still open here, and a finished close is one the next start need not redo.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Recording checks still running after {}: interrupted, left for the next start", STOP_WAIT);
            executor.shutdownNow();
        }
    }

    /** Runs work on the closer's threads; during shutdown it is dropped: the next start recovers the recording. */
    private void submit(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            log.warn("Service stopping: recording work left for the next start");
        }
    }

    private void callEnded(CallEnded ended) {
        String started = byCall.get(ended.callId());
        if (started != null) {
            close(started, ended.at(), "call ended (" + ended.endedBy() + ")");
            return;
        }
        try {
            Recording recording = recordings.findByCallId(ended.callId()).orElse(null);
            if (recording == null) {
                alertIfUnrecorded(ended);
            } else if (recording.state() == RecordingState.RECORDING) {
                close(recording.id(), ended.at(), "call ended (" + ended.endedBy() + ")");
            }
        } catch (RuntimeException e) {
            log.error("Could not handle the end of call {} for its recording", ended.callId(), e);
        }
    }

    private void alertIfUnrecorded(CallEnded ended) {
        calls.find(ended.callId())
                .filter(call -> call.script() != null && properties.recordedScripts().contains(call.script()))
                .ifPresent(call -> alerts.raise(AlertKind.RECORDING, call.id(), "Call " + call.id() + " ('"
                        + call.script() + "') ended without a recording: it never started one"));
    }

    private void finish(String recordingId, Instant endedAt) {
        try {
            finisher.finish(recordingId, endedAt);
        } finally {
            forget(recordingId);
            release(recordingId);
        }
    }

    private void release(String recordingId) {
        claimed.remove(recordingId);
    }

    private void forget(String recordingId) {
        Tracked recorded = tracked.remove(recordingId);
        if (recorded != null) {
            byChannel.remove(recorded.channel());
            byCall.remove(recorded.callId());
        }
    }

    private record Channel(String node, String uniqueId) {
    }

    private record Tracked(Channel channel, String callId) {
    }

    /**
     * Watches a recording's files until their sizes stop changing, then hands it to the finisher. "Unchanged for
     * settle-interval" is measured on the service's clock (a test holds it, and moves it on once the stand-in has
     * stopped writing); the files are looked at every settle-interval of real time. A clock set back starts the
     * interval again. The guard against files that never stop growing counts real time.
     */
    private final class Settling implements Runnable {

        private final String recordingId;
        private final Instant endedAt;
        private final List<Path> files;
        private final long claimedNanos = System.nanoTime();
        private long[] last;
        private Instant lastChange = clock.instant();

        Settling(String recordingId, Instant endedAt, List<Path> files) {
            this.recordingId = recordingId;
            this.endedAt = endedAt;
            this.files = files;
        }

        @Override
        public void run() {
            try {
                long[] sizes = files.stream().mapToLong(AudioFiles::sizeOrMissing).toArray();
                Instant now = clock.instant();
                if (Arrays.equals(sizes, last) && !now.isBefore(lastChange)) {
                    Duration unchanged = Duration.between(lastChange, now);
                    boolean allHaveAudio = Arrays.stream(sizes).allMatch(size -> size > WavInfo.CANONICAL_HEADER);
                    if (allHaveAudio && unchanged.compareTo(properties.settleInterval()) >= 0
                            || unchanged.compareTo(properties.settleTimeout()) >= 0) {
                        finish(recordingId, endedAt);
                        return;
                    }
                } else {
                    last = sizes;
                    lastChange = now;
                }
                if (System.nanoTime() - claimedNanos >= properties.maxCallLength().toNanos()) {
                    log.warn("Recording {} still growing {} after its call ended: closing it as it is", recordingId,
                            properties.maxCallLength());
                    finish(recordingId, endedAt);
                    return;
                }
                executor.schedule(this, properties.settleInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                if (e instanceof AudioFiles.Interrupted || e instanceof RejectedExecutionException) {
                    log.warn("Service stopping: recording {} left for the next start", recordingId);
                } else {
                    log.error("Could not close recording {}", recordingId, e);
                }
                forget(recordingId);
                release(recordingId);
            }
        }
    }
}
