package org.hotline12333.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
 * {@code agi_*} headers Asterisk 22 sends, and answers each command the way Asterisk does ({@code 200 result=...}).
 * A simulated caller presses keys, stays silent, or hangs up the way a real one does: Asterisk sends a bare
 * {@code HANGUP} line, still answers the command in progress, then answers everything with 511.
 *
 * <pre>
 * SimulatedCall call = AgiStandIn.call(agiPort).script("ivr?menu=12333").from("13800138000").keys("51").start();
 * call.awaitEnd();
 * </pre>
 *
 * <p>{@code EXEC MixMonitor} writes real WAV files (see {@link StandInMixMonitor}) when the call ends, below the
 * local folder that stands in for the node's recordings directory.
 */
public final class AgiStandIn {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final char SILENCE = '_';
    private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");
    static final String DEAD = "511 Command Not Permitted on a dead channel or intercepted channel";

    private final int port;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** What the caller does, in order: keys (Character; SILENCE for waiting) and things said (Path of audio). */
    private final Deque<Object> keys = new ArrayDeque<>();
    private final Map<String, String> variables = new HashMap<>();
    private final List<String> missingSounds = new ArrayList<>();
    private Function<String, DialOutcome> dialOutcomes = endpoint -> new DialOutcome("ANSWER", 30);
    private final Map<String, BiFunction<SimulatedCall, List<String>, String>> applications = new HashMap<>();
    private Predicate<String> hangUpWhen = command -> false;
    private Predicate<String> dropWhen = command -> false;
    private Predicate<String> holdWhen = command -> false;
    private final Map<String, String> rawReplies = new LinkedHashMap<>();
    private java.time.Duration talkTime = java.time.Duration.ZERO;
    private final StandInMixMonitor mixMonitor = new StandInMixMonitor();
    private CountDownLatch hold;

    private AgiStandIn(int port) {
        this.port = port;
        int n = CALLS.incrementAndGet();
        String uniqueId = "1763900000." + n;
        headers.put("agi_network", "yes");
        headers.put("agi_network_script", "ivr");
        headers.put("agi_request", "agi://127.0.0.1:" + port + "/ivr");
        headers.put("agi_channel", String.format("PJSIP/carrier-%08x", n));
        headers.put("agi_language", "zh");
        headers.put("agi_type", "PJSIP");
        headers.put("agi_uniqueid", uniqueId);
        headers.put("agi_version", "22.1.0");
        headers.put("agi_callerid", "13800138000");
        headers.put("agi_calleridname", "unknown");
        headers.put("agi_callingpres", "0");
        headers.put("agi_callingani2", "0");
        headers.put("agi_callington", "0");
        headers.put("agi_callingtns", "0");
        headers.put("agi_dnid", "12333");
        headers.put("agi_rdnis", "unknown");
        headers.put("agi_context", "from-carrier");
        headers.put("agi_extension", "12333");
        headers.put("agi_priority", "1");
        headers.put("agi_enhanced", "0.0");
        headers.put("agi_accountcode", "");
        headers.put("agi_threadid", Long.toString(140000000000L + n));
    }

    /** A new call to the FastAGI server on localhost. */
    public static AgiStandIn call(int agiPort) {
        return new AgiStandIn(agiPort);
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

    public AgiStandIn header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Keys the caller presses, in order, whenever Asterisk listens for keys. */
    public AgiStandIn keys(String presses) {
        presses.chars().forEach(c -> keys.add((char) c));
        return this;
    }

    /**
     * What the caller says the next time Asterisk records them (RECORD FILE): this audio is written where Asterisk
     * would write the recording. Without one queued, RECORD FILE takes the next key, or records silence.
     */
    public AgiStandIn says(Path wav) {
        keys.add(wav);
        return this;
    }

    /** The caller listens to this prompt to its end before pressing the keys that follow. */
    public AgiStandIn listensTo(String prompt) {
        keys.add(new ListensTo(prompt));
        return this;
    }

    private record ListensTo(String prompt) {
    }

    /** The caller waits without pressing anything: the command listening for keys times out. */
    public AgiStandIn silence() {
        keys.add(SILENCE);
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

    /** How Dial ends for each endpoint dialled; by default every dial is answered and talks for 30 s. */
    public AgiStandIn dialing(Function<String, DialOutcome> outcomes) {
        this.dialOutcomes = outcomes;
        return this;
    }

    /** An answered Dial lasts this long in real time, as a conversation would; by default it returns at once. */
    public AgiStandIn talksFor(java.time.Duration talk) {
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

    /** The reply to the first command matching this is held until {@link SimulatedCall#release()}. */
    public AgiStandIn holdOn(String commandPrefix) {
        this.holdWhen = command -> command.startsWith(commandPrefix);
        this.hold = new CountDownLatch(1);
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
        SimulatedCall call = new SimulatedCall();
        Thread thread = new Thread(call::run, "agi-standin-" + headers.get("agi_uniqueid"));
        thread.setDaemon(true);
        thread.start();
        return call;
    }

    /** How a dial ends: DIALSTATUS and how long the answered leg talked. */
    public record DialOutcome(String status, int answeredSeconds) {
    }

    /**
     * @param after the command whose reply the service was answering (null: the headers)
     */
    public record Turnaround(String after, long nanos) {
    }

    /** One command and the reply Asterisk gave. */
    public record Exchange(String command, String reply) {
    }

    public final class SimulatedCall {

        private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
        private final List<Turnaround> turnarounds = Collections.synchronizedList(new ArrayList<>());
        private volatile long lastWrite;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final CountDownLatch held = new CountDownLatch(1);
        private volatile boolean dead;
        private volatile boolean hungUpByCaller;
        private volatile Socket socket;

        public String uniqueId() {
            return headers.get("agi_uniqueid");
        }

        public String channel() {
            return headers.get("agi_channel");
        }

        public Map<String, String> variables() {
            synchronized (variables) {
                return Map.copyOf(variables);
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
                List<String> words = words(command);
                if (command.startsWith("STREAM FILE") || command.startsWith("GET OPTION")) {
                    played.add(words.get(2));
                } else if (command.startsWith("GET DATA")) {
                    played.add(words.get(2));
                }
            }
            return played;
        }

        public boolean callerHungUp() {
            return hungUpByCaller;
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
            hold.countDown();
        }

        public boolean ended() {
            return ended.isDone();
        }

        /**
         * The caller hangs up now, whatever the session is doing (e.g. waiting on music on hold): Asterisk sends a
         * bare {@code HANGUP} line at once, MixMonitor finishes its files, and every command from now on (a held one
         * included) is answered with 511.
         */
        public void hangUpNow() {
            hungUpByCaller = true;
            dead = true;
            mixMonitor.stop();
            Socket s = socket;
            if (s != null) {
                try {
                    write(s.getOutputStream(), "HANGUP\n");
                } catch (IOException e) {
                    // already closed: nothing to tell
                }
            }
        }

        /** A MixMonitor that {@link #mixMonitorKeepsWritingAfterHangUp() kept writing} stops now. */
        public void mixMonitorStops() {
            mixMonitor.stopWriting();
        }

        /**
         * One side of the call says what this 8 kHz WAV holds, from now (after what it is saying), in the live
         * recording; completes with {@link System#nanoTime()} once its last sample is written.
         */
        public CompletableFuture<Long> says(StandInMixMonitor.Leg side, Path wav) {
            return mixMonitor.say(side, Speech.samples(wav));
        }

        /** The local files MixMonitor writes (or would write) for this call, by leg. */
        public Map<StandInMixMonitor.Leg, Path> recordingFiles() {
            return mixMonitor.files();
        }

        private void run() {
            try (Socket s = new Socket("127.0.0.1", port)) {
                socket = s;
                s.setSoTimeout(60_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                StringBuilder header = new StringBuilder();
                headers.forEach((name, value) -> header.append(name).append(": ").append(value).append('\n'));
                header.append('\n');
                write(out, header.toString());
                boolean hangUpDone = false;
                String command;
                String previous = null;
                while ((command = in.readLine()) != null) {
                    turnarounds.add(new Turnaround(previous, System.nanoTime() - lastWrite));
                    previous = command;
                    if (dropWhen.test(command)) {
                        exchanges.add(new Exchange(command, null));
                        return;
                    }
                    if (hold != null && holdWhen.test(command) && held.getCount() > 0) {
                        held.countDown();
                        hold.await(30, TimeUnit.SECONDS);
                    }
                    if (dead) {
                        exchanges.add(new Exchange(command, DEAD));
                        write(out, DEAD + "\n");
                        continue;
                    }
                    if (!hangUpDone && hangUpWhen.test(command)) {
                        hangUpDone = true;
                        hungUpByCaller = true;
                        mixMonitor.stop();
                        String reply = replyInterruptedByHangup(command);
                        exchanges.add(new Exchange(command, reply));
                        write(out, "HANGUP\n" + reply + "\n");
                        dead = true;
                        continue;
                    }
                    String reply = reply(command);
                    exchanges.add(new Exchange(command, reply));
                    write(out, reply + "\n");
                }
            } catch (IOException | InterruptedException e) {
                // the service closed the connection, or the test dropped it
            } finally {
                mixMonitor.stop();
                ended.complete(null);
            }
        }

        private void write(OutputStream out, String text) throws IOException {
            synchronized (this) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.nanoTime();
            }
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

        private String replyInterruptedByHangup(String command) {
            String verb = command.toUpperCase();
            if (verb.startsWith("STREAM FILE") || verb.startsWith("CONTROL STREAM FILE") || verb.startsWith("GET OPTION")) {
                return "200 result=-1 endpos=4000";
            }
            if (verb.startsWith("GET DATA") || verb.startsWith("WAIT FOR DIGIT") || verb.startsWith("EXEC")
                    || verb.startsWith("SAY ") || verb.startsWith("RECORD FILE")) {
                return "200 result=-1";
            }
            return reply(command);
        }

        private String reply(String command) {
            for (Map.Entry<String, String> raw : rawReplies.entrySet()) {
                if (command.startsWith(raw.getKey())) {
                    return raw.getValue();
                }
            }
            List<String> words = words(command);
            String upper = command.toUpperCase();
            if (upper.startsWith("ANSWER")) {
                return "200 result=0";
            }
            if (upper.startsWith("STREAM FILE") || upper.startsWith("GET OPTION")
                    || upper.startsWith("CONTROL STREAM FILE")) {
                int fileAt = upper.startsWith("CONTROL") ? 3 : 2;
                if (missingSounds.contains(words.get(fileAt))) {
                    return "200 result=-1 endpos=0";
                }
                String escape = words.size() > fileAt + 1 ? words.get(fileAt + 1) : "";
                if (keys.peek() instanceof ListensTo listens) {
                    if (words.get(fileAt).endsWith("/" + listens.prompt()) || words.get(fileAt).equals(listens.prompt())) {
                        keys.poll();
                    }
                    return "200 result=0 endpos=16000";
                }
                if (keys.peek() instanceof Character key && key != SILENCE && escape.indexOf(key) >= 0) {
                    keys.poll();
                    return "200 result=" + (int) key + " endpos=3200";
                }
                return "200 result=0 endpos=16000";
            }
            if (upper.startsWith("GET DATA")) {
                int max = words.size() > 4 ? Integer.parseInt(words.get(4)) : 1024;
                return getData(max);
            }
            if (upper.startsWith("WAIT FOR DIGIT")) {
                Object next = keys.poll();
                return "200 result=" + (next instanceof Character key && key != SILENCE ? (int) key : 0);
            }
            if (upper.startsWith("SAY ")) {
                return "200 result=0";
            }
            if (upper.startsWith("GET VARIABLE") || upper.startsWith("GET FULL VARIABLE")) {
                String name = words.get(upper.startsWith("GET FULL") ? 3 : 2);
                String value;
                synchronized (variables) {
                    value = variables.get(name);
                }
                return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
            }
            if (upper.startsWith("SET VARIABLE")) {
                synchronized (variables) {
                    variables.put(words.get(2), words.size() > 3 ? words.get(3) : "");
                }
                return "200 result=1";
            }
            if (upper.startsWith("RECORD FILE")) {
                return recordFile(words);
            }
            if (upper.startsWith("SET MUSIC")) {
                return "200 result=0";
            }
            if (upper.startsWith("EXEC")) {
                return exec(words);
            }
            if (upper.startsWith("HANGUP")) {
                dead = true;
                mixMonitor.stop();
                return "200 result=1";
            }
            if (upper.startsWith("VERBOSE")) {
                return "200 result=1";
            }
            if (upper.startsWith("NOOP")) {
                return "200 result=0";
            }
            if (upper.startsWith("CHANNEL STATUS")) {
                return "200 result=6";
            }
            return "510 Invalid or unknown command";
        }

        /** RECORD FILE file format escape timeout [offset] [BEEP] [s=silence]: writes file.format. */
        private String recordFile(List<String> words) {
            Path target = Path.of(words.get(2) + "." + words.get(3));
            Object next = keys.poll();
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                if (next instanceof Path utterance) {
                    Files.copy(utterance, target, StandardCopyOption.REPLACE_EXISTING);
                    return "200 result=0 (silence) endpos=" + Files.size(target) / 2;
                }
                if (next instanceof Character key && key != SILENCE && words.get(4).indexOf(key) >= 0) {
                    return "200 result=" + (int) key + " (dtmf) endpos=800";
                }
                Files.write(target, Wav.silence(1));
                return "200 result=0 (timeout) endpos=8000";
            } catch (IOException e) {
                return "200 result=-1 (writefile) endpos=0";
            }
        }

        private String getData(int max) {
            StringBuilder digits = new StringBuilder();
            while (digits.length() < max) {
                Object next = keys.poll();
                if (!(next instanceof Character key) || key == SILENCE) {
                    return "200 result=" + digits + " (timeout)";
                }
                if (key == '#') {
                    break;
                }
                digits.append(key);
            }
            return "200 result=" + digits;
        }

        private String exec(List<String> words) {
            String application = words.get(1).toLowerCase();
            List<String> args = words.size() > 2 ? List.of(words.get(2).split(",", -1)) : List.of();
            BiFunction<SimulatedCall, List<String>, String> custom = applications.get(application);
            if (custom != null) {
                return "200 result=" + custom.apply(this, args);
            }
            switch (application) {
                case "dial" -> {
                    DialOutcome outcome = dialOutcomes.apply(args.get(0));
                    if (talkTime.toMillis() > 0 && outcome.status().equals("ANSWER")) {
                        try {
                            Thread.sleep(talkTime.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    synchronized (variables) {
                        variables.put("DIALSTATUS", outcome.status());
                        variables.put("ANSWEREDTIME", Integer.toString(outcome.answeredSeconds()));
                        variables.put("DIALEDTIME", Integer.toString(outcome.answeredSeconds() + 5));
                    }
                    return "200 result=0";
                }
                case "mixmonitor" -> {
                    mixMonitor.start(String.join(",", args));
                    return "200 result=0";
                }
                case "stopmixmonitor" -> {
                    mixMonitor.stop();
                    return "200 result=0";
                }
                case "playback", "wait", "set", "noop", "progress", "ringing" -> {
                    return "200 result=0";
                }
                default -> {
                    return "200 result=-2";
                }
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
