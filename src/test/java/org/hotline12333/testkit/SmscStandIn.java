package org.hotline12333.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMS gateway (SMSC) for the tests, built on jSMPP's own server side: it speaks SMPP 3.4 over a real socket on
 * 127.0.0.1, takes transceiver binds, answers submit_sm with a message id and sends delivery receipts (deliver_sm with
 * the receipted_message_id TLV) after or before its answer, and delivers citizens' messages. A test can refuse binds,
 * throttle (ESME_RTHROTTLED), drop the link after a number of submits, or leave a submit unanswered.
 */
public final class SmscStandIn implements AutoCloseable {

    public static final String SYSTEM_ID = "hotline";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    public static final String PASSWORD = "smpp-pw";

    public enum Receipts { NONE, AFTER_ANSWER, BEFORE_ANSWER }

    /** One submit_sm as the gateway got it. */
    public record Submit(String to, String from, byte dataCoding, boolean udh, byte[] payload, String messageId) {

        /** The text of this segment (the user-data header left out). */
        public String text() {
            byte[] body = udh ? Arrays.copyOfRange(payload, 1 + (payload[0] & 0xff), payload.length) : payload;
            return new String(body, dataCoding == 0x08 ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
        }

        /** The concatenation header's reference, total and sequence number; null for a single message. */
        public int[] concatenation() {
            return udh ? new int[] {payload[3] & 0xff, payload[4] & 0xff, payload[5] & 0xff} : null;
        }
    }

    private final SMPPServerSessionListener listener;
    private final int port;
    private final ExecutorService accepting = Executors.newSingleThreadExecutor(daemon("smsc-accept"));
    private final ExecutorService sending = Executors.newCachedThreadPool(daemon("smsc-send"));
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Submit> submits = new CopyOnWriteArrayList<>();
    /** Which link each number's messages came on: its replies go back on that link (the service that sent them). */
    private final Map<String, SMPPServerSession> linkOf = new ConcurrentHashMap<>();
    /** The account (system_id) each link was bound with: a receipt goes back only to its sender's account. */
    private final Map<SMPPServerSession, String> accountOf = new ConcurrentHashMap<>();
    /** Receipts the link went before they could be delivered: delivered after the account binds again. */
    private final List<Owed> undeliveredReceipts = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(0x1000);
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger throttle = new AtomicInteger();
    private final AtomicInteger dropAfter = new AtomicInteger(-1);
    private volatile Integer refuseBinds;
    private volatile Receipts receipts = Receipts.AFTER_ANSWER;
    private volatile String receiptState = "DELIVRD";
    private volatile CountDownLatch unanswered;
    private volatile int refuseStatus;

    private record Owed(String account, Submit submit) {
    }

    private SmscStandIn() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = socket.getLocalPort();
        this.listener = new SMPPServerSessionListener(port, new OneSocket(socket));
        listener.setPduProcessorDegree(4);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new AfterAnswer());
        accepting.execute(this::accept);
    }

    private static SmscStandIn shared;

    /** The one gateway stand-in every {@link HotlineTest} service is bound to, started on first use. */
    public static synchronized SmscStandIn shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static SmscStandIn start() {
        try {
            return new SmscStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * A new account ({@link #SYSTEM_ID} and a number) for one service: several services in one test JVM share this
     * stand-in, and like a real SMSC it sends a delivery receipt only to a link of the account that sent the message.
     * Instances of one centre (one database) share one account.
     */
    public static String newAccount() {
        return SYSTEM_ID + "-" + ACCOUNTS.incrementAndGet();
    }

    /** Back to a well-behaved gateway with nothing received (between tests). */
    public void reset() {
        refuseBinds = null;
        receipts = Receipts.AFTER_ANSWER;
        receiptState = "DELIVRD";
        throttle.set(0);
        dropAfter.set(-1);
        refuseStatus = 0;
        CountDownLatch held = unanswered;
        unanswered = null;
        if (held != null) {
            held.countDown();
        }
        submits.clear();
        undeliveredReceipts.clear();
    }

    public List<Submit> submits() {
        return List.copyOf(submits);
    }

    public List<Submit> submitsTo(String number) {
        return submits.stream().filter(s -> s.to().equals(number)).toList();
    }

    /** The texts received for a number, long messages put together by their concatenation headers. */
    public List<String> textsTo(String number) {
        List<String> texts = new ArrayList<>();
        Map<Integer, List<Submit>> longOnes = submitsTo(number).stream().filter(Submit::udh)
                .collect(Collectors.groupingBy(s -> s.concatenation()[0]));
        for (Submit s : submitsTo(number)) {
            if (!s.udh()) {
                texts.add(s.text());
            } else if (s.concatenation()[2] == 1) {
                texts.add(longOnes.get(s.concatenation()[0]).stream()
                        .sorted(Comparator.comparingInt(p -> p.concatenation()[2]))
                        .map(Submit::text).collect(Collectors.joining()));
            }
        }
        return texts;
    }

    public int binds() {
        return binds.get();
    }

    /** Binds are refused with this command_status (e.g. ESME_RINVPASWD 0x0E); null accepts them again. */
    public void refuseBinds(Integer status) {
        this.refuseBinds = status;
    }

    public void receipts(Receipts when, String state) {
        this.receipts = when;
        this.receiptState = state;
    }

    /** The next {@code count} submits are answered ESME_RTHROTTLED. */
    public void throttleNext(int count) {
        throttle.set(count);
    }

    /** Every submit is answered with this command_status (0: accepted). */
    public void refuseSubmits(int status) {
        this.refuseStatus = status;
    }

    /** After answering {@code count} more submits, the gateway drops the link (the socket is closed). */
    public void dropLinkAfter(int count) {
        dropAfter.set(count);
    }

    /** The next submit is received and never answered; {@link #releaseUnanswered()} then drops that link. */
    public void leaveNextUnanswered() {
        unanswered = new CountDownLatch(1);
    }

    public void releaseUnanswered() {
        CountDownLatch held = unanswered;
        if (held != null) {
            held.countDown();
        }
    }

    /**
     * A citizen's message to the centre's number, delivered on the link their last message came on (several services
     * share this stand-in), or else on any bound link.
     */
    public void deliver(String from, String to, String text) {
        SMPPServerSession last = linkOf.get(from);
        SMPPServerSession session = last != null && last.getSessionState().isBound() ? last : sessions.stream()
                .filter(s -> s.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound session to deliver to"));
        try {
            session.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, from,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to, new ESMClass(), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.newInstance((byte) 0x08),
                    text.getBytes(StandardCharsets.UTF_16BE));
        } catch (Exception e) {
            throw new IllegalStateException("deliver_sm failed: " + e.getMessage(), e);
        }
    }

    public void dropLinks() {
        sessions.forEach(SMPPServerSession::close);
    }

    @Override
    public void close() {
        accepting.shutdownNow();
        sending.shutdownNow();
        dropLinks();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        while (!accepting.isShutdown()) {
            try {
                SMPPServerSession session = listener.accept();
                sending.execute(() -> bind(session));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            binds.incrementAndGet();
            Integer refusal = refuseBinds;
            if (refusal != null) {
                request.reject(refusal);
                return;
            }
            if (request.getBindType() != BindType.BIND_TRX || !isAccount(request.getSystemId())
                    || !PASSWORD.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
            request.accept("standin");
            accountOf.put(session, request.getSystemId());
            sessions.add(session);
            deliverOwed(session);
        } catch (Exception e) {
            session.close();
        }
    }

    private static boolean isAccount(String systemId) {
        return SYSTEM_ID.equals(systemId) || systemId != null && systemId.matches(SYSTEM_ID + "-\\d+");
    }

    /** Sends a receipt on the link its message came on, or on another bound link of that account when it went. */
    private void receipt(SMPPServerSession cameOn, Submit submit) {
        String account = accountOf.get(cameOn);
        SMPPServerSession session = cameOn.getSessionState().isBound() ? cameOn : boundSession(account);
        if (session == null) {
            owe(account, submit, cameOn);
            return;
        }
        try {
            DeliveryReceipt receipt = new DeliveryReceipt(submit.messageId(), 1, 1, new Date(), new Date(),
                    DeliveryReceiptState.valueOf(receiptState), "000", "");
            session.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, submit.to(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, submit.from(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    receipt.toString().getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.Receipted_message_id(submit.messageId()));
        } catch (Exception e) {
            owe(account, submit, session);
        }
    }

    /**
     * A receipt whose link went before it could be delivered: sent on the account's next bound link, as SMSCs do. A
     * link bound again while the receipt was failing on the old one takes it now (its bind had already taken what was
     * owed).
     */
    private void owe(String account, Submit submit, SMPPServerSession failedOn) {
        undeliveredReceipts.add(new Owed(account, submit));
        SMPPServerSession bound = boundSession(account);
        if (bound != null && bound != failedOn) {
            deliverOwed(bound);
        }
    }

    private void deliverOwed(SMPPServerSession session) {
        String account = accountOf.get(session);
        List<Owed> owed = undeliveredReceipts.stream().filter(o -> o.account().equals(account)).toList();
        undeliveredReceipts.removeAll(owed);
        owed.forEach(o -> sending.execute(() -> receipt(session, o.submit())));
    }

    private SMPPServerSession boundSession(String account) {
        return sessions.stream().filter(s -> s.getSessionState().isBound() && account.equals(accountOf.get(s)))
                .reduce((a, b) -> b).orElse(null);
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            CountDownLatch hold = unanswered;
            if (hold != null) {
                unanswered = null;
                submits.add(submit(submitSm, "unanswered"));
                waitFor(hold);
                source.close();
                throw new ProcessRequestException("never answered", SMPPConstant.STAT_ESME_RSYSERR);
            }
            if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            if (refuseStatus != 0) {
                throw new ProcessRequestException("refused", refuseStatus);
            }
            Submit submit = submit(submitSm, Integer.toHexString(ids.incrementAndGet()).toUpperCase());
            submits.add(submit);
            linkOf.put(submit.to(), source);
            if (receipts == Receipts.BEFORE_ANSWER) {
                receipt(source, submit);
            }
            try {
                return new SubmitSmResult(new MessageId(submit.messageId()), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(org.jsmpp.bean.BroadcastSm broadcastSm,
                                                     SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancel, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm query, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        private Submit submit(SubmitSm sm, String id) {
            return new Submit(sm.getDestAddress(), sm.getSourceAddr(), sm.getDataCoding(), sm.isUdhi(),
                    sm.getShortMessage(), id);
        }
    }

    private final class AfterAnswer extends ServerResponseDeliveryAdapter {

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            Submit submit = submits.stream().filter(s -> s.messageId().equals(result.getMessageId())).findFirst()
                    .orElse(null);
            if (dropAfter.get() > 0 && dropAfter.decrementAndGet() == 0) {
                dropAfter.set(-1);
                source.close(); // gone before its receipt, which then waits for the account to bind again
                await().atMost(Duration.ofSeconds(10)).until(() -> !source.getSessionState().isBound());
            }
            if (submit != null && receipts == Receipts.AFTER_ANSWER) {
                sending.execute(() -> receipt(source, submit));
            }
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** jSMPP's listener on a server socket opened beforehand on a free port of the loopback address. */
    private record OneSocket(ServerSocket socket) implements ServerConnectionFactory {

        @Override
        public ServerConnection listen(int port) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            return listen(port, timeout);
        }
    }

}
