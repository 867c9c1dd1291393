package org.hotline12333.speech;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.StartStopOrder;
import org.hotline12333.call.CallProperties;
import org.hotline12333.recording.RecordingClosed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every closed recording becomes a job in the persisted queue ({@link SpeechJobs}), in the transaction that
 * publishes {@link RecordingClosed} when there is one: a quick insert, and nothing more on the call's path. A
 * dispatcher thread hands due jobs to as many workers as there are recognizers while a model is loaded; without one,
 * jobs wait in the queue. At start, jobs this instance left running are queued again, so a backlog outlives a
 * restart and drains after it.
 */
@Component
class TranscriptionQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TranscriptionQueue.class);
    /** How often, at most, jobs other instances left behind are looked for. */
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofMinutes(1);

    private final SpeechJobs jobs;
    private final Transcription transcription;
    private final SpeechRecognizer recognizer;
    private final SpeechProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String instance;
    private final int threads;
    private final Object wakeUp = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean woken;
    private volatile boolean running;
    private ExecutorService workers;
    private Thread dispatcher;

    TranscriptionQueue(SpeechJobs jobs, Transcription transcription, SpeechRecognizer recognizer,
                       SpeechProperties properties, CallProperties calls, TransactionTemplate transactions,
                       Clock clock) {
        this.jobs = jobs;
        this.transcription = transcription;
        this.recognizer = recognizer;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.instance = calls.instanceName() == null || calls.instanceName().isBlank() ? hostName() : calls.instanceName();
        this.threads = properties.effectiveThreads();
    }

    @EventListener
    void on(RecordingClosed recording) {
        if (recording.recordingId() == null || recording.callId() == null || recording.startedAt() == null) {
            log.error("Cannot queue a recording for transcription without its id, call id and start: {}", recording);
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (jobs.enqueue(recording, clock.instant())) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        wake();
                    }
                });
            }
        });
    }

    /** How many jobs are in each state. */
    Map<SpeechJobs.State, Long> counts() {
        return jobs.counts();
    }

    int threads() {
        return threads;
    }

    @Override
    public void start() {
        Instant now = clock.instant();
        int recovered = jobs.recover(instance, now.minus(properties.jobLease()), properties.maxAttempts(), now);
        if (recovered > 0) {
            log.info("{} transcription job(s) interrupted when the service last stopped are queued again", recovered);
        }
        running = true;
        AtomicInteger numbers = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "speech-worker-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = new Thread(this::dispatch, "speech-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    private void dispatch() {
        Instant nextLeaseCheck = clock.instant();
        while (running) {
            try {
                if (!clock.instant().isBefore(nextLeaseCheck)) {
                    expireLeases();
                    nextLeaseCheck = clock.instant().plus(leaseCheckInterval());
                }
                if (recognizer.status().ready()) {
                    int free = threads - inFlight.get();
                    if (free > 0) {
                        for (String id : jobs.due(free, clock.instant())) {
                            jobs.claim(id, instance, clock.instant()).ifPresent(this::submit);
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Transcription queue could not look for work: {}", e.getMessage());
            }
            awaitWork();
        }
    }

    private Duration leaseCheckInterval() {
        Duration quarterLease = properties.jobLease().dividedBy(4);
        return quarterLease.compareTo(LEASE_CHECK_INTERVAL) < 0 ? quarterLease : LEASE_CHECK_INTERVAL;
    }

    private void expireLeases() {
        Instant now = clock.instant();
        int expired = jobs.expireLeases(instance, now.minus(properties.jobLease()), properties.maxAttempts(), now);
        if (expired > 0) {
            log.warn("{} transcription job(s) claimed by another instance more than {} ago are queued again", expired,
                    properties.jobLease());
        }
    }

    private void submit(SpeechJobs.Job job) {
        inFlight.incrementAndGet();
        workers.execute(() -> work(job));
    }

    private void work(SpeechJobs.Job job) {
        String id = job.recordingId();
        try {
            transcription.run(job.recording(), () -> !running);
            log.info("Transcribed recording {} of call {}", id, job.recording().callId());
        } catch (LegTranscriber.Interrupted e) {
            jobs.release(id);
        } catch (InterruptedException e) {
            jobs.release(id);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            jobs.failed(id, reason, properties.maxAttempts(), now.plus(properties.retryDelay()), now);
            log.warn("Could not transcribe recording {} (attempt {} of {}): {}", id, job.attempts(),
                    properties.maxAttempts(), reason, e);
        } finally {
            inFlight.decrementAndGet();
            wake();
        }
    }

    private void awaitWork() {
        synchronized (wakeUp) {
            if (!woken && running) {
                try {
                    wakeUp.wait(Math.max(1, properties.pollInterval().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(10));
            workers.shutdown();
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.TRANSCRIPTION;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hotline";
        }
    }
}
