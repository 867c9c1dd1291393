package org.hotline12333.outreach;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.privacy.Mask;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SMS gateway over SMPP 3.4 with jSMPP: one transceiver bind (bind_transceiver: submits go out, delivery receipts
 * and citizens' messages come in on the same link), bound again after any drop or refusal with a doubling wait,
 * checked with enquire_link while idle. Every segment asks for a delivery receipt.
 */
@Component
class SmppGateway implements SmsGateway, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppGateway.class);
    private static final byte UDH_INDICATOR = 0x40;

    private final OutreachProperties.Sms properties;
    private final Alerts alerts;
    private final Clock clock;
    private final SmppReceiver receiver = new SmppReceiver();
    private volatile ScheduledExecutorService link;
    private volatile SMPPSession session;
    private volatile Status status;
    private volatile boolean running;
    private volatile String alerted;
    private Duration wait;

    SmppGateway(OutreachProperties properties, Alerts alerts, Clock clock) {
        this.properties = properties.sms();
        this.alerts = alerts;
        this.clock = clock;
        this.status = new Status(this.properties.enabled(), false,
                this.properties.enabled() ? "not bound yet" : "off (hotline.outreach.sms.enabled)", clock.instant(),
                gateway());
    }

    @Override
    public void inbox(Inbox inbox) {
        receiver.inbox(inbox);
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public String submit(String to, SmsEncoding.Coding coding, SmsEncoding.Segment segment) throws SubmitFailed {
        SMPPSession bound = session;
        if (bound == null || !bound.getSessionState().isTransmittable()) {
            throw new SubmitFailed(Failure.LINK_DOWN, "not bound to the SMS gateway: " + status.reason());
        }
        try {
            return bound.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    properties.sourceAddress(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, to,
                    new ESMClass(segment.udh() ? UDH_INDICATOR : 0), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    DataCodings.newInstance(coding.dataCoding), (byte) 0, segment.payload()).getMessageId();
        } catch (NegativeResponseException e) {
            int code = e.getCommandStatus();
            Failure failure = code == SmppStatus.THROTTLED ? Failure.THROTTLED
                    : SmppStatus.passing(code) ? Failure.TEMPORARY : Failure.REFUSED;
            throw new SubmitFailed(failure, "the gateway answered " + SmppStatus.name(code));
        } catch (ResponseTimeoutException | InvalidResponseException e) {
            throw new SubmitFailed(Failure.UNCERTAIN, "no valid answer from the gateway within "
                    + properties.transactionTimer().toSeconds() + " s: it may or may not have taken the message");
        } catch (PDUException e) {
            throw new SubmitFailed(Failure.REFUSED, "not a message SMPP can carry: " + e.getMessage());
        } catch (IOException e) {
            // the PDU did not leave whole (jSMPP closes the link): the gateway cannot have taken it
            throw new SubmitFailed(Failure.LINK_DOWN, "the link failed while sending: " + e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        if (!properties.enabled()) {
            log.info("SMS gateway off (hotline.outreach.sms.enabled=false): text messages wait in the outbox");
            return;
        }
        link = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smpp-link");
            thread.setDaemon(true);
            return thread;
        });
        wait = properties.reconnectMin();
        link.execute(this::bind);
    }

    @Override
    public void stop() {
        running = false;
        if (link != null) {
            link.shutdownNow();
        }
        SMPPSession bound = session;
        session = null;
        if (bound != null) {
            bound.unbindAndClose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the outbox's worker stops, after it starts. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 10;
    }

    private void bind() {
        if (!running) {
            return;
        }
        SMPPSession fresh = new SMPPSession();
        fresh.setTransactionTimer(properties.transactionTimer().toMillis());
        fresh.setEnquireLinkTimer((int) properties.enquireLink().toMillis());
        fresh.setMessageReceiverListener(receiver);
        try {
            fresh.connectAndBind(properties.host(), properties.port(), new BindParameter(BindType.BIND_TRX,
                    properties.systemId(), properties.password(), properties.systemType(), TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), properties.transactionTimer().toMillis());
        } catch (IOException e) {
            down(bindFailure(e));
            fresh.close();
            retry();
            return;
        }
        fresh.addSessionStateListener((now, before, source) -> {
            if (now == SessionState.CLOSED && source == session) {
                session = null;
                down("the link was closed");
                retry();
            }
        });
        session = fresh;
        wait = properties.reconnectMin();
        alerted = null;
        status = new Status(true, true, null, clock.instant(), gateway());
        log.info("Bound to the SMS gateway {} as {} (transceiver)", gateway(), properties.systemId());
        if (!fresh.getSessionState().isBound()) { // closed between the bind and the listener
            session = null;
            down("the link was closed");
            retry();
        }
    }

    private void retry() {
        ScheduledExecutorService scheduler = link;
        if (!running || scheduler == null || scheduler.isShutdown()) {
            return;
        }
        Duration next = wait;
        wait = wait.multipliedBy(2).compareTo(properties.reconnectMax()) > 0 ? properties.reconnectMax()
                : wait.multipliedBy(2);
        scheduler.schedule(this::bind, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void down(String reason) {
        status = new Status(true, false, reason, clock.instant(), gateway());
        log.warn("SMS gateway {}: {}; binding again", gateway(), reason);
        if (!reason.equals(alerted) && running) { // once per reason in an outage, not at every retry
            alerted = reason;
            alerts.raise(AlertKind.SMS_GATEWAY, gateway(), "短信网关不可用 (SMS gateway " + gateway() + "): " + reason
                    + ". Text messages wait in the outbox and go once it is bound again.");
        }
    }

    /** A refused bind names SMPP's reason (ESME_RINVPASWD...), found in the cause jSMPP wraps. */
    private static String bindFailure(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NegativeResponseException refused) {
                return "the gateway refused the bind: " + SmppStatus.name(refused.getCommandStatus());
            }
        }
        return "cannot bind: " + Mask.inText(String.valueOf(e.getMessage()));
    }

    private String gateway() {
        return properties.host() + ":" + properties.port();
    }
}
