package org.hotline12333.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's side of a FastAGI session, spoken for real over TCP: it connects to the service, sends the
 * {@code agi_*} headers Asterisk 22 sends, and answers each command the way Asterisk 22.10 does (checked against
 * the recorded calls in {@code ../shared/asterisk-traces} by {@code AgiTraceConformanceTest}).
 *
 * <pre>
 * SimulatedCall call = AgiStandIn.call(agiPort).script("ivr?menu=12333").from("13800138000").keys("51").start();
 * call.awaitEnd();
 * </pre>
 *
 * <p>A simulated caller presses keys, stays silent, or hangs up the way a real one does. A hang-up during a command
 * ends that command as Asterisk does ({@code 200 result=-1} for a prompt, a key wait or Dial, with DIALSTATUS
 * CANCEL while the phone rang) and is followed at once by a bare {@code HANGUP} line; from then on the commands
 * res_agi allows on a dead channel (EXEC, GET/SET VARIABLE, NOOP, VERBOSE, DATABASE...) are still answered (a Dial
 * returns -1 at once), every other one gets 511. ANSWEREDTIME counts from the caller channel's own answer on the
 * session's simulated clock (prompts and dials take the time they would), as Asterisk 22 counts it.
 *
 * <p>{@code EXEC MixMonitor} writes real WAV files (see {@link StandInMixMonitor}) when the call ends, below the
 * local folder that stands in for the node's recordings directory. With {@link #events(AmiStandIn)} the call's AMI
 * events are sent as Asterisk sends them ({@link StandInCallEvents}).
 */
public final class AgiStandIn {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");
    static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    /** Prompts last this long unless told otherwise (samples at 8 kHz: 2 s). */
    static final long DEFAULT_SOUND_SAMPLES = 16000;

    int port;
    final Map<String, String> headers = new LinkedHashMap<>();
    final SimulatedCaller caller = new SimulatedCaller();
    final Map<String, String> variables = new HashMap<>();
    final List<String> missingSounds = new ArrayList<>();
    final Map<String, Long> soundSamples = new HashMap<>();
    Function<String, DialOutcome> dialOutcomes = endpoint -> DialOutcome.answered(30);
    final Map<String, BiFunction<SimulatedCall, List<String>, String>> applications = new HashMap<>();
    Predicate<String> hangUpWhen = command -> false;
    Predicate<String> dropWhen = command -> false;
    Predicate<String> holdWhen = command -> false;
    final Map<String, String> rawReplies = new LinkedHashMap<>();
    Duration talkTime = Duration.ZERO;
    final StandInMixMonitor mixMonitor = new StandInMixMonitor();
    CountDownLatch hold;
    /** Set by {@link #ringsUntilAnswered()}: the agent's phone rings until {@link SimulatedCall#answerPhone()}. */
    CountDownLatch answer;
    final CountDownLatch ringing = new CountDownLatch(1);
    /** When the agent's phone began ringing: {@link System#nanoTime()} and the wall clock in ms (for a browser). */
    volatile long ringingNanos;
    volatile long ringingMillis;
    AmiStandIn ami;
    String localAddress = "127.0.0.1";

    private AgiStandIn(int port) {
        this.port = port;
        int n = CALLS.incrementAndGet();
        String uniqueId = "1763900000." + n;
        headers.put("agi_network", "yes");
        headers.put("agi_network_script", "ivr");
        headers.put("agi_request", "agi://127.0.0.1:" + port + "/ivr");
        // callers' channels are PJSIP/carrier-<n>: a test naming a channel by hand on the shared AMI stand-in uses
        // another name, or its actions are taken for actions on some other test's caller
        headers.put("agi_channel", String.format("PJSIP/carrier-%08x", n));
        headers.put("agi_language", "zh");
        headers.put("agi_type", "PJSIP");
        headers.put("agi_uniqueid", uniqueId);
        headers.put("agi_version", "22.10.1");
        headers.put("agi_callerid", "13800138000");
        headers.put("agi_calleridname", "caller");
        headers.put("agi_callingpres", "0");
        headers.put("agi_callingani2", "0");
        headers.put("agi_callington", "0");
        headers.put("agi_callingtns", "0");
        headers.put("agi_dnid", "12333");
        headers.put("agi_rdnis", "unknown");
        headers.put("agi_context", "from-carrier");
        headers.put("agi_extension", "12333");
        headers.put("agi_priority", "3");
        headers.put("agi_enhanced", "0.0");
        headers.put("agi_accountcode", "");
        headers.put("agi_threadid", Long.toString(140000000000L + n));
    }

    /** A new call to the FastAGI server on localhost. */
    public static AgiStandIn call(int agiPort) {
        return new AgiStandIn(agiPort);
    }

    /** The FastAGI server the call goes to (the service's, unless a test plays the service itself). */
    public AgiStandIn port(int agiPort) {
        this.port = agiPort;
        script(headers.get("agi_network_script"));
        return this;
    }

    /** The script and query of the AGI URL, as the dialplan writes it after {@code agi://host:port/}. */
    public AgiStandIn script(String scriptAndQuery) {
        headers.put("agi_network_script", scriptAndQuery);
        headers.put("agi_request", "agi://127.0.0.1:" + port + "/" + scriptAndQuery);
        return this;
    }

    public AgiStandIn from(String callerNumber) {
        headers.put("agi_callerid", callerNumber);
        return this;
    }

    public AgiStandIn dialled(String number) {
        headers.put("agi_extension", number);
        headers.put("agi_dnid", number);
        return this;
    }

    /** The address the call comes from (any of 127.0.0.0/8 on Linux): a host that is not Asterisk, say. */
    public AgiStandIn fromAddress(String address) {
        this.localAddress = address;
        return this;
    }

    public AgiStandIn header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Keys the caller presses, in order, whenever Asterisk listens for keys. */
    public AgiStandIn keys(String presses) {
        presses.chars().forEach(c -> caller.add((char) c));
        return this;
    }

    /**
     * A key the caller presses while music on hold plays, once they have heard {@code afterPrompt} (null: any
     * music). Asterisk 22 hands it to AGI only if a command is reading keys then (WAIT FOR DIGIT); pressed while the
     * session idles or probes with another command, it is lost (T6).
     */
    public AgiStandIn keyDuringMusic(char key, String afterPrompt) {
        caller.add(new SimulatedCaller.KeyDuringMusic(key, afterPrompt));
        return this;
    }

    /** A key the caller presses only when this prompt plays; before it they press nothing, whatever they hear. */
    public AgiStandIn keyOn(char key, String prompt) {
        caller.add(new SimulatedCaller.KeyOn(key, prompt));
        return this;
    }

    /** A key the caller presses when the prompt playing has reached this many samples (its endpos). */
    public AgiStandIn keyAt(char key, long samples) {
        caller.add(new SimulatedCaller.KeyAt(key, samples));
        return this;
    }

    /**
     * What the caller says the next time Asterisk records them (RECORD FILE): this audio is written where Asterisk
     * would write the recording. Without one queued, RECORD FILE takes the next key, or records silence.
     */
    public AgiStandIn says(Path wav) {
        caller.add(wav);
        return this;
    }

    /** The caller listens to this prompt to its end before pressing the keys that follow. */
    public AgiStandIn listensTo(String prompt) {
        caller.add(new SimulatedCaller.ListensTo(prompt));
        return this;
    }

    /** The caller waits without pressing anything: the command listening for keys times out. */
    public AgiStandIn silence() {
        caller.add(SimulatedCaller.SILENCE);
        return this;
    }

    public AgiStandIn variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** A sound file Asterisk does not have (STREAM FILE answers result=-1). */
    public AgiStandIn missingSound(String file) {
        missingSounds.add(file);
        return this;
    }

    /** How long a sound file is, in samples at 8 kHz (the endpos of a prompt played to its end). */
    public AgiStandIn soundLength(String file, long samples) {
        soundSamples.put(file, samples);
        return this;
    }

    /** How Dial ends for each endpoint dialled; by default every dial is answered and talks for 30 s. */
    public AgiStandIn dialing(Function<String, DialOutcome> outcomes) {
        this.dialOutcomes = outcomes;
        return this;
    }

    /** An answered Dial lasts this long in real time, as a conversation would; by default it returns at once. */
    public AgiStandIn talksFor(Duration talk) {
        this.talkTime = talk;
        return this;
    }

    /** What an application run with EXEC does; the function returns the result code. */
    public AgiStandIn application(String name, BiFunction<SimulatedCall, List<String>, String> behaviour) {
        applications.put(name.toLowerCase(), behaviour);
        return this;
    }

    /** The caller hangs up while the first command matching this is running. */
    public AgiStandIn hangUpDuring(Predicate<String> command) {
        this.hangUpWhen = command;
        return this;
    }

    public AgiStandIn hangUpDuring(String commandPrefix) {
        return hangUpDuring(command -> command.startsWith(commandPrefix));
    }

    /** The TCP connection dies (no HANGUP, no reply) when the first command matching this arrives. */
    public AgiStandIn dropConnectionOn(String commandPrefix) {
        this.dropWhen = command -> command.startsWith(commandPrefix);
        return this;
    }

    /** Commands starting with this prefix get this line as reply, verbatim, e.g. garbage. */
    public AgiStandIn replyWith(String commandPrefix, String rawReply) {
        rawReplies.put(commandPrefix, rawReply);
        return this;
    }

    /**
     * The reply to the first command matching this is held until {@link SimulatedCall#release()}. A held Dial has
     * rung the phone and, if it is to be answered, connected the agent (AMI events included) before it holds.
     */
    public AgiStandIn holdOn(String commandPrefix) {
        return holdOn(command -> command.startsWith(commandPrefix));
    }

    /** As {@link #holdOn(String)}, for the first command matching this. */
    public AgiStandIn holdOn(Predicate<String> command) {
        this.holdWhen = command;
        this.hold = new CountDownLatch(1);
        return this;
    }

    /**
     * The agent's phone rings (AMI DialBegin and ringing sent) until the test calls {@link SimulatedCall#answerPhone()}:
     * a call offered and not yet answered, as long as the test needs it. Then Dial goes on as its outcome says.
     */
    public AgiStandIn ringsUntilAnswered() {
        this.answer = new CountDownLatch(1);
        return this;
    }

    /** The call's AMI events go to this AMI stand-in, in the order and with the fields Asterisk 22 sends them. */
    public AgiStandIn events(AmiStandIn ami) {
        this.ami = ami;
        return this;
    }

    /**
     * MixMonitor's files go below this local folder instead of the shared {@link StandInAsterisk#recordingsRoot()}
     * (for a service whose {@code hotline.recordings.directory} is this folder).
     */
    public AgiStandIn recordingsRoot(Path localRoot) {
        mixMonitor.root(StandInAsterisk.RECORDINGS_PATH, localRoot);
        return this;
    }

    /** How much audio MixMonitor writes for the call (1 s by default). */
    public AgiStandIn recordingLength(Duration length) {
        mixMonitor.length(length);
        return this;
    }

    /** One file of the recording comes out missing, empty or with a header only. */
    public AgiStandIn recordingFault(StandInMixMonitor.Leg leg, StandInMixMonitor.Fault fault) {
        mixMonitor.fault(leg, fault);
        return this;
    }

    /** The caller's side of the recording is this text, spoken (espeak-ng), instead of a tone. */
    public AgiStandIn callerSays(String text) {
        mixMonitor.callerSays(text);
        return this;
    }

    /** What the caller hears in the recording (prompts, the agent) is this text, spoken, instead of a tone. */
    public AgiStandIn otherSideSays(String text) {
        mixMonitor.otherSideSays(text);
        return this;
    }

    /**
     * After the call ends MixMonitor writes half the audio, then goes on appending to the files until
     * {@link SimulatedCall#mixMonitorStops()}, as a real one flushes for a moment after a hang-up.
     */
    public AgiStandIn mixMonitorKeepsWritingAfterHangUp() {
        mixMonitor.keepsWritingAfterHangUp();
        return this;
    }

    /** MixMonitor writes the files as the call goes, in real time; {@link SimulatedCall#says} puts speech in them. */
    public AgiStandIn mixMonitorWritesLive() {
        mixMonitor.writesLive();
        return this;
    }

    public SimulatedCall start() {
        SimulatedCall call = new SimulatedCall(this);
        Thread thread = new Thread(call::run, "agi-standin-" + headers.get("agi_uniqueid"));
        thread.setDaemon(true);
        thread.start();
        return call;
    }

    /**
     * How a Dial ends.
     *
     * @param status        the DIALSTATUS Asterisk sets (ANSWER, NOANSWER, BUSY, CHANUNAVAIL, CANCEL...)
     * @param ringSeconds   how long the phone rang (simulated time)
     * @param talkSeconds   how long the answered leg talked (simulated time); -1: until hung up over AMI
     * @param callerHangsUp the caller hangs up: while the phone rings (status CANCEL) or while talking (ANSWER); Dial
     *                      then returns -1, followed by the HANGUP line
     * @param ringing       when the phone reports ringing, if at all
     * @param untilHungUp   the phone rings until its leg is hung up over AMI (status CHANUNAVAIL then, as Asterisk
     *                      22.10 reported it)
     */
    public record DialOutcome(String status, int ringSeconds, int talkSeconds, boolean callerHangsUp,
                              Ringing ringing, boolean untilHungUp) {

        DialOutcome(String status, int ringSeconds, int talkSeconds, boolean callerHangsUp, Ringing ringing) {
            this(status, ringSeconds, talkSeconds, callerHangsUp, ringing, false);
        }

        /**
         * How the phone reports ringing: most recorded calls report it after Dial's DialBegin (T4, T5, X1-X3), one
         * before it (T1: the phone's 180 came first), some not at all (T3, T4's first phone).
         */
        public enum Ringing { AFTER_DIAL_BEGIN, BEFORE_DIAL_BEGIN, NONE }

        /** The agent answers after a second of ringing, talks, and hangs up first. */
        public static DialOutcome answered(int talkSeconds) {
            return new DialOutcome("ANSWER", 1, talkSeconds, false, Ringing.AFTER_DIAL_BEGIN);
        }

        /**
         * The agent answers after a second and talks until their leg is hung up over AMI (a transfer, a supervisor's
         * force release): Dial then returns 0 with ANSWER. Needs {@link #events(AmiStandIn)}.
         */
        public static DialOutcome answeredUntilHungUp() {
            return new DialOutcome("ANSWER", 1, -1, false, Ringing.AFTER_DIAL_BEGIN);
        }

        /**
         * The phone rings until its leg is hung up over AMI (a supervisor releasing the call): AMI reports DialEnd
         * NOANSWER and the leg's Hangup with cause 0, and Dial returns 0 with DIALSTATUS CHANUNAVAIL (checked on
         * Asterisk 22.10.1). Needs {@link #events(AmiStandIn)}.
         */
        public static DialOutcome ringsUntilHungUp() {
            return new DialOutcome("CHANUNAVAIL", 1, 0, false, Ringing.AFTER_DIAL_BEGIN, true);
        }

        /** Nobody answers within the ring time Dial was given (NOANSWER); or BUSY, CHANUNAVAIL... at once. */
        public static DialOutcome notAnswered(String status) {
            return new DialOutcome(status, status.equals("NOANSWER") ? -1 : 0, 0, false,
                    status.equals("NOANSWER") ? Ringing.AFTER_DIAL_BEGIN : Ringing.NONE);
        }

        /** The caller hangs up after the phone rang this long (trace T3). */
        public static DialOutcome callerHangsUpWhileRinging(int ringSeconds) {
            return new DialOutcome("CANCEL", ringSeconds, 0, true, Ringing.AFTER_DIAL_BEGIN);
        }

        /** The agent answers after a second and the caller hangs up after talking this long (traces T4, X3). */
        public static DialOutcome callerHangsUpAfterTalking(int talkSeconds) {
            return new DialOutcome("ANSWER", 1, talkSeconds, true, Ringing.AFTER_DIAL_BEGIN);
        }

        /** The phone never reports ringing (no 180 Ringing: no Newstate Ringing, DeviceStateChange or DialState). */
        public DialOutcome withoutRinging() {
            return new DialOutcome(status, ringSeconds, talkSeconds, callerHangsUp, Ringing.NONE, untilHungUp);
        }

        /** The phone reports ringing before Dial's DialBegin is sent (trace T1). */
        public DialOutcome ringingBeforeDialBegin() {
            return new DialOutcome(status, ringSeconds, talkSeconds, callerHangsUp, Ringing.BEFORE_DIAL_BEGIN,
                    untilHungUp);
        }

        boolean answered() {
            return status.equals("ANSWER");
        }
    }

    /**
     * @param after the command whose reply the service was answering (null: the headers)
     */
    public record Turnaround(String after, long nanos) {
    }

    /** One command and the reply Asterisk gave ({@code HANGUP\n} included when it came with it). */
    public record Exchange(String command, String reply) {
    }

    /** One running session, as the test sees it; Asterisk's answers are {@link StandInAgiReplies}'. */
    public static final class SimulatedCall {

        final AgiStandIn config;
        private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
        private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
        private final List<Turnaround> turnarounds = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final CountDownLatch held = new CountDownLatch(1);
        private final StandInAgiReplies asterisk;
        private volatile long lastWrite;
        private volatile Socket socket;

        SimulatedCall(AgiStandIn config) {
            this.config = config;
            this.asterisk = new StandInAgiReplies(this);
        }

        public String uniqueId() {
            return config.headers.get("agi_uniqueid");
        }

        public String channel() {
            return config.headers.get("agi_channel");
        }

        public String callerNumber() {
            return config.headers.get("agi_callerid");
        }

        public Map<String, String> variables() {
            synchronized (config.variables) {
                return Map.copyOf(config.variables);
            }
        }

        public List<Exchange> exchanges() {
            synchronized (exchanges) {
                return List.copyOf(exchanges);
            }
        }

        public List<String> commands() {
            return exchanges().stream().map(Exchange::command).toList();
        }

        /** The sound files played with STREAM FILE, GET DATA or GET OPTION, in order. */
        public List<String> played() {
            List<String> played = new ArrayList<>();
            for (String command : commands()) {
                if (command.startsWith("STREAM FILE") || command.startsWith("GET OPTION")
                        || command.startsWith("GET DATA")) {
                    played.add(words(command).get(2));
                }
            }
            return played;
        }

        /**
         * Every line as it crossed the socket after the headers, as in the recorded traces: {@code S> } what the
         * service sent, {@code A> } what Asterisk answered (a bare {@code HANGUP} included).
         */
        public List<String> transcript() {
            synchronized (transcript) {
                return List.copyOf(transcript);
            }
        }

        /** Keys the caller pressed during music that Asterisk never handed to AGI. */
        public List<Character> lostKeys() {
            return asterisk.lostKeys();
        }

        public boolean callerHungUp() {
            return asterisk.callerHungUp();
        }

        /** Waits until the service closes the connection (or the connection dies). */
        public SimulatedCall awaitEnd() {
            return awaitEnd(Duration.ofSeconds(15));
        }

        public SimulatedCall awaitEnd(Duration timeout) {
            try {
                ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("AGI session " + uniqueId() + " did not end within " + timeout
                        + "; commands so far: " + commands(), e);
            }
            return this;
        }

        /** Waits until the reply to the held command is being held back. */
        public SimulatedCall awaitHeld() {
            try {
                if (!held.await(15, TimeUnit.SECONDS)) {
                    throw new AssertionError("no held command; commands so far: " + commands());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return this;
        }

        public void release() {
            config.hold.countDown();
        }

        /** Waits until the agent's phone rings (Dial has begun, with {@link #ringsUntilAnswered()}). */
        public SimulatedCall awaitRinging() {
            try {
                if (!config.ringing.await(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("no phone ringing; commands so far: " + commands());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return this;
        }

        /** When the agent's phone began ringing, by {@link System#nanoTime()}. */
        public long ringingNanos() {
            return config.ringingNanos;
        }

        /** When the agent's phone began ringing, in ms since the epoch (what a browser's clock reads). */
        public long ringingMillis() {
            return config.ringingMillis;
        }

        /** The ringing phone is picked up (with {@link #ringsUntilAnswered()}). */
        public void answerPhone() {
            config.answer.countDown();
        }

        public boolean ended() {
            return ended.isDone();
        }

        /**
         * The caller hangs up now, whatever the session is doing (e.g. waiting on music on hold): Asterisk sends a
         * bare {@code HANGUP} line at once, MixMonitor finishes its files, and every command from now on (a held one
         * included) is answered as on a dead channel.
         */
        public void hangUpNow() {
            if (asterisk.callerHangsUpNow()) {
                send("HANGUP\n");
            }
        }

        /** The caller presses a key now, between commands: Asterisk does not hand it to AGI (trace T6). */
        public void pressKeyNow(char key) {
            asterisk.keyBetweenCommands(key);
        }

        /** A MixMonitor that {@link #mixMonitorKeepsWritingAfterHangUp() kept writing} stops now. */
        public void mixMonitorStops() {
            config.mixMonitor.stopWriting();
        }

        /**
         * One side of the call says what this 8 kHz WAV holds, from now (after what it is saying), in the live
         * recording; completes with {@link System#nanoTime()} once its last sample is written.
         */
        public CompletableFuture<Long> says(StandInMixMonitor.Leg side, Path wav) {
            return config.mixMonitor.say(side, Speech.samples(wav));
        }

        /** The local files MixMonitor writes (or would write) for this call, by leg. */
        public Map<StandInMixMonitor.Leg, Path> recordingFiles() {
            return config.mixMonitor.files();
        }

        /**
         * How long the service took to send each command after Asterisk's previous reply (or the headers): its
         * think time per step, as Asterisk sees it.
         */
        public List<Turnaround> turnarounds() {
            synchronized (turnarounds) {
                return List.copyOf(turnarounds);
            }
        }

        private void run() {
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), config.port,
                    InetAddress.getByName(config.localAddress), 0)) {
                socket = s;
                s.setSoTimeout(60_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                asterisk.started();
                StringBuilder header = new StringBuilder();
                config.headers.forEach((name, value) -> header.append(name).append(": ").append(value).append('\n'));
                write(header.append('\n').toString());
                String command;
                String previous = null;
                while ((command = in.readLine()) != null) {
                    turnarounds.add(new Turnaround(previous, System.nanoTime() - lastWrite));
                    previous = command;
                    if (config.dropWhen.test(command)) {
                        exchanges.add(new Exchange(command, null));
                        return;
                    }
                    transcript.add("S> " + command);
                    boolean holdIt = config.hold != null && config.holdWhen.test(command) && held.getCount() > 0;
                    StandInAgiReplies.Reply reply = asterisk.reply(command, holdIt ? this::holdHere : () -> { });
                    exchanges.add(new Exchange(command, reply.line()));
                    write(reply.line() + "\n" + (reply.hangupAfter() ? "HANGUP\n" : ""));
                }
            } catch (IOException e) {
                // the service closed the connection, or the test dropped it
            } finally {
                asterisk.ended();
                ended.complete(null);
            }
        }

        private void holdHere() {
            held.countDown();
            try {
                config.hold.await(90, TimeUnit.SECONDS); // a safety net: tests release what they hold
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void send(String text) {
            Socket s = socket;
            if (s == null) {
                return;
            }
            try {
                write(text);
            } catch (IOException e) {
                // already closed: nothing to tell
            }
        }

        private void write(String text) throws IOException {
            synchronized (this) {
                text.lines().forEach(line -> transcript.add("A> " + line));
                OutputStream out = socket.getOutputStream();
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.nanoTime();
            }
        }
    }

    /** Splits an AGI command line into words, honouring double quotes as Asterisk does. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher matcher = QUOTED_OR_WORD.matcher(command);
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1).replace("\\\"", "\"") : matcher.group(2));
        }
        return words;
    }
}
