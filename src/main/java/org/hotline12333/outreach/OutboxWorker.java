package org.hotline12333.outreach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline12333.call.CallRecords;
import org.hotline12333.cluster.InstanceLost;
import org.hotline12333.privacy.Mask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends what is due in the outbox, one message at a time, segment by segment, on its own thread: woken when a message
 * is queued and every {@code poll-interval}. A message is claimed before it is sent (several instances send each once),
 * each segment is marked SUBMITTING before its submit_sm and SUBMITTED with the gateway's id after, so a segment the
 * gateway took is never submitted again; one whose answer never came (a crash, a timeout) is UNCERTAIN and waits for a
 * supervisor.
 */
@Component
class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 50;

    private final OutboxStore store;
    private final SmsGateway gateway;
    private final SendLimits limits;
    private final StopList stopList;
    private final SmsInbox inbox;
    private final ContactLog contacts;
    private final OutreachProperties.Sms properties;
    private final Clock clock;
    private final String instance;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;
    private volatile Instant restUntil = Instant.MIN;

    OutboxWorker(OutboxStore store, SmsGateway gateway, SendLimits limits, StopList stopList, SmsInbox inbox,
                 ContactLog contacts, Outbox outbox, OutreachProperties properties, CallRecords calls, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.limits = limits;
        this.stopList = stopList;
        this.inbox = inbox;
        this.contacts = contacts;
        this.properties = properties.sms();
        this.clock = clock;
        this.instance = calls.instanceName();
        outbox.onQueued(this::wake);
    }

    @Override
    public void start() {
        recoverAfterCrash(instance);
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread worker = new Thread(task, "sms-outbox");
            worker.setDaemon(true);
            return worker;
        });
        long every = properties.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService worker = thread;
        thread = null;
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    void wake() {
        ScheduledExecutorService worker = thread;
        if (worker != null && pending.compareAndSet(false, true)) {
            worker.execute(this::run);
        }
    }

    /** Another instance's lease ran out: its messages left SENDING are recovered here, as after its own crash. */
    @EventListener
    void on(InstanceLost lost) {
        recoverAfterCrash(lost.instance());
        wake();
    }

    /**
     * After a crash an instance's messages left SENDING: a segment that was being submitted may have reached the
     * gateway, so it is UNCERTAIN; a message without such a segment goes on from its first segment not yet taken.
     */
    void recoverAfterCrash(String crashed) {
        for (long id : store.leftSending(crashed)) {
            int uncertain = store.uncertainSegments(id);
            Instant now = clock.instant();
            if (uncertain > 0) {
                store.end(id, SmsState.UNCERTAIN, "the service stopped while a segment was being submitted: "
                        + "the gateway may have it; a supervisor decides whether to send it again", now);
            } else {
                store.wait(id, null, now, store.find(id).map(OutboxStore.Message::attempts).orElse(0), null, now);
            }
        }
    }

    private void run() {
        pending.set(false);
        try {
            inbox.matchLateReceipts();
            sendDue();
        } catch (RuntimeException e) {
            log.error("The SMS outbox failed a round; it tries again", e);
        }
    }

    void sendDue() {
        Instant now = clock.instant();
        if (!gateway.status().bound()) {
            store.markWaiting("GATEWAY", now, now);
            return;
        }
        if (now.isBefore(restUntil) && !now.isBefore(restUntil.minus(properties.throttleBackoff()))) {
            return; // resting after ESME_RTHROTTLED (a clock set back before the rest began ends it)
        }
        if (limits.quiet(now)) {
            store.markWaiting("QUIET_HOURS", limits.quietEnds(now), now);
            return;
        }
        List<OutboxStore.Message> due = store.due(now, BATCH);
        for (OutboxStore.Message message : due) {
            if (!send(message)) {
                return;
            }
        }
    }

    /** Sends one message; false when the link cannot take more now (the rest waits for the next round). */
    private boolean send(OutboxStore.Message message) {
        Instant now = clock.instant();
        if (stopList.stopped(message.recipient())) {
            store.end(message.id(), SmsState.BLOCKED, "the citizen replied 退订 before it was sent", now);
            contacts.add(ContactLog.Channel.SMS, message.purpose().name(), message.recipient(), message.caseNumber(),
                    message.callId(), "sms-" + message.id(), "system", "not sent: the number is on the stop list");
            return true;
        }
        if (message.attempts() == 0 && store.pendingSegments(message.id()).size() == message.segments()) {
            var free = limits.numberFree(message.recipient(), now);
            if (free.isPresent()) {
                store.wait(message.id(), "RATE_LIMIT", free.get(), message.attempts(), null, now);
                return true;
            }
        }
        if (!store.claim(message.id(), instance, now)) {
            return true;
        }
        List<SmsEncoding.Segment> segments = SmsEncoding.encode(message.text(), message.concatRef());
        SmsEncoding.Coding coding = SmsEncoding.coding(message.text());
        for (int seq : store.pendingSegments(message.id())) {
            Instant at = clock.instant();
            if (!limits.take(at)) {
                store.wait(message.id(), "RATE_LIMIT", limits.nextPlace(at), message.attempts(), null, at);
                return false;
            }
            store.segment(message.id(), seq, "SUBMITTING");
            try {
                String gatewayId = gateway.submit(message.recipient(), coding, segments.get(seq - 1));
                inbox.submitted(message.id(), seq, gatewayId);
            } catch (SmsGateway.SubmitFailed e) {
                return failed(message, seq, e);
            }
        }
        store.sent(message.id(), message.attempts() + 1, clock.instant());
        store.settle(message.id(), clock.instant());
        contacts.add(ContactLog.Channel.SMS, message.purpose().name(), message.recipient(), message.caseNumber(),
                message.callId(), "sms-" + message.id(), "system", "sent: every segment taken by the gateway");
        log.info("SMS #{} to {} taken by the gateway ({} segment(s))", message.id(), Mask.phone(message.recipient()),
                message.segments());
        return true;
    }

    private boolean failed(OutboxStore.Message message, int seq, SmsGateway.SubmitFailed e) {
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        switch (e.failure()) {
            case LINK_DOWN -> {
                store.segment(message.id(), seq, "PENDING");
                store.wait(message.id(), "GATEWAY", now, message.attempts(), e.getMessage(), now);
                return false;
            }
            case THROTTLED -> {
                store.segment(message.id(), seq, "PENDING");
                restUntil = now.plus(properties.throttleBackoff());
                store.wait(message.id(), "THROTTLED", restUntil, message.attempts(), e.getMessage(), now);
                log.info("The SMS gateway throttles (ESME_RTHROTTLED): resting until {}", restUntil);
                return false;
            }
            case TEMPORARY -> {
                store.segment(message.id(), seq, "PENDING");
                if (attempts >= properties.maxAttempts()) {
                    end(message, SmsState.FAILED, e.getMessage() + " (" + attempts + " attempts)");
                } else {
                    Duration wait = properties.retryInterval().multipliedBy(1L << Math.min(10, attempts - 1));
                    store.wait(message.id(), "RETRY", now.plus(wait), attempts, e.getMessage(), now);
                }
                return true;
            }
            case REFUSED -> {
                store.segment(message.id(), seq, "REFUSED");
                end(message, SmsState.FAILED, e.getMessage());
                return true;
            }
            default -> {
                store.segment(message.id(), seq, "UNCERTAIN");
                end(message, SmsState.UNCERTAIN, e.getMessage());
                return true;
            }
        }
    }

    private void end(OutboxStore.Message message, SmsState state, String why) {
        store.end(message.id(), state, why, clock.instant());
        contacts.add(ContactLog.Channel.SMS, message.purpose().name(), message.recipient(), message.caseNumber(),
                message.callId(), "sms-" + message.id(), "system", state + ": " + why);
        log.warn("SMS #{} to {} {}: {}", message.id(), Mask.phone(message.recipient()), state, why);
    }
}
