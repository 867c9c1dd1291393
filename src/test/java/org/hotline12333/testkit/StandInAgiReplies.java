package org.hotline12333.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * How Asterisk 22.10's res_agi answers each command of one stand-in session, including what a hang-up does (see
 * {@link AgiStandIn}). Keeps the session's simulated channel clock: a prompt lasts its length (or until the key
 * that stopped it), a Dial its ring and talk time, so ANSWEREDTIME can be counted from the caller's own answer.
 */
final class StandInAgiReplies {

    /** Commands res_agi still runs on a dead channel ({@code dead = 1} in its command table); others get 511. */
    private static final Set<String> DEAD_SAFE = Set.of("EXEC", "GET VARIABLE", "GET FULL VARIABLE", "SET VARIABLE",
            "DATABASE", "NOOP", "VERBOSE", "ASYNCAGI BREAK", "SPEECH DESTROY", "SPEECH UNLOAD GRAMMAR");
    /** Where a prompt stops for a key pressed at no particular point (samples). */
    private static final long ESCAPED_BY_KEY_AT = 3200;

    private final AgiStandIn.SimulatedCall session;
    private final AgiStandIn config;
    private final StandInCallEvents events;
    private volatile boolean dead;
    /** Counted down when the caller hangs up: a conversation of real length ends then. */
    private final CountDownLatch callerGone = new CountDownLatch(1);
    private volatile boolean callerHungUp;
    private boolean inProgress;
    private boolean hangUpDone;
    private boolean music;
    private long clockMs;
    private long answeredAtMs = -1;

    StandInAgiReplies(AgiStandIn.SimulatedCall session) {
        this.session = session;
        this.config = session.config;
        this.events = config.ami == null ? null : new StandInCallEvents(config.ami, config.headers);
    }

    /** One reply line, and whether Asterisk sends the bare HANGUP line right after it. */
    record Reply(String line, boolean hangupAfter) {
    }

    void started() {
        if (events != null) {
            events.arrived();
        }
    }

    void ended() {
        config.mixMonitor.stop();
        if (events != null) {
            events.sessionEnded();
        }
    }

    boolean callerHungUp() {
        return callerHungUp;
    }

    List<Character> lostKeys() {
        return config.caller.lostKeys();
    }

    /** A key pressed between commands: not delivered to AGI (Asterisk's AGI loop reads and drops it). */
    void keyBetweenCommands(char key) {
        config.caller.pressedBetweenCommands(key);
    }

    /**
     * The caller hangs up now. Between commands Asterisk sends the HANGUP line at once (true); during a command (a
     * held reply, a conversation) that command ends first and the line follows its reply.
     */
    synchronized boolean callerHangsUpNow() {
        if (dead) {
            return false;
        }
        callerHangsUp();
        notifyAll();
        return !inProgress;
    }

    private synchronized void callerHangsUp() {
        callerHungUp = true;
        dead = true;
        callerGone.countDown();
        config.mixMonitor.stop();
        if (events != null) {
            events.callerHangsUp();
            events.callerGone();
        }
    }

    /** The reply to one command; {@code hold} runs where a held reply waits. */
    Reply reply(String command, Runnable hold) {
        boolean deadBefore;
        synchronized (this) {
            inProgress = true;
            deadBefore = dead;
        }
        try {
            String upper = command.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EXEC") && application(command).equals("dial")) {
                return dial(command, hold, deadBefore);
            }
            if (upper.startsWith("EXEC") && application(command).equals("bridge") && !deadBefore
                    && !config.applications.containsKey("bridge")) {
                hold.run();
                return bridge(command);
            }
            hold.run();
            if (deadBefore) {
                return new Reply(DEAD_SAFE.stream().anyMatch(upper::startsWith) ? answer(command, upper)
                        : AgiStandIn.DEAD, false);
            }
            if (dead) {
                return new Reply(interruptedByHangup(command, upper), true);
            }
            if (!hangUpDone && config.hangUpWhen.test(command)) {
                hangUpDone = true;
                String interrupted = interruptedByHangup(command, upper);
                callerHangsUp();
                return new Reply(interrupted, true);
            }
            if (music && !upper.startsWith("WAIT FOR DIGIT") && !upper.startsWith("SET MUSIC")) {
                config.caller.musicWithoutListening();
            }
            if (upper.startsWith("WAIT FOR DIGIT") && music && !config.caller.keyReady(true)) {
                onHold(Long.parseLong(AgiStandIn.words(command).get(3)));
                if (dead) {
                    return new Reply(interruptedByHangup(command, upper), true);
                }
            }
            return new Reply(answer(command, upper), false);
        } finally {
            synchronized (this) {
                inProgress = false;
            }
        }
    }

    private String answer(String command, String upper) {
        for (Map.Entry<String, String> raw : config.rawReplies.entrySet()) {
            if (command.startsWith(raw.getKey())) {
                return raw.getValue();
            }
        }
        List<String> words = AgiStandIn.words(command);
        if (upper.startsWith("ANSWER")) {
            if (answeredAtMs < 0) {
                answeredAtMs = clockMs;
                if (events != null) {
                    events.answered();
                }
            }
            return "200 result=0";
        }
        if (upper.startsWith("STREAM FILE") || upper.startsWith("GET OPTION") || upper.startsWith("CONTROL STREAM FILE")) {
            int fileAt = upper.startsWith("CONTROL") ? 3 : 2;
            return stream(words.get(fileAt), words.size() > fileAt + 1 ? words.get(fileAt + 1) : "");
        }
        if (upper.startsWith("GET DATA")) {
            clockMs += length(words.get(2)) / 8;
            boolean[] timedOut = new boolean[1];
            String digits = config.caller.getData(words.size() > 4 ? Integer.parseInt(words.get(4)) : 1024, timedOut);
            return "200 result=" + digits + (timedOut[0] ? " (timeout)" : "");
        }
        if (upper.startsWith("WAIT FOR DIGIT")) {
            Character key = config.caller.waitForDigit(music);
            if (key == null) {
                clockMs += Math.max(0, Long.parseLong(words.get(3)));
            }
            return "200 result=" + (key == null ? 0 : (int) key);
        }
        if (upper.startsWith("GET VARIABLE") || upper.startsWith("GET FULL VARIABLE")) {
            String value;
            synchronized (config.variables) {
                value = config.variables.get(words.get(upper.startsWith("GET FULL") ? 3 : 2));
            }
            return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
        }
        if (upper.startsWith("SET VARIABLE")) {
            setVariable(words.get(2), words.size() > 3 ? words.get(3) : "");
            return "200 result=1";
        }
        if (upper.startsWith("SET MUSIC")) {
            music(upper.startsWith("SET MUSIC ON"), words.size() > 3 ? words.get(3) : "default");
            return "200 result=0";
        }
        if (upper.startsWith("EXEC")) {
            return exec(words);
        }
        if (upper.startsWith("HANGUP")) {
            dead = true;
            config.mixMonitor.stop();
            if (events != null) {
                events.serviceHangsUp();
            }
            return "200 result=1";
        }
        if (upper.startsWith("RECORD FILE")) {
            return recordFile(words);
        }
        return upper.startsWith("SAY ") || upper.startsWith("NOOP") || upper.startsWith("DATABASE") ? "200 result=0"
                : upper.startsWith("VERBOSE") ? "200 result=1"
                : upper.startsWith("CHANNEL STATUS") ? "200 result=6"
                : "510 Invalid or unknown command";
    }

    private String stream(String file, String escape) {
        if (config.missingSounds.contains(file)) {
            return "200 result=-1 endpos=0";
        }
        SimulatedCaller.Pressed key = config.caller.keyDuring(file, escape);
        if (key != null) {
            long endpos = key.samples() != null ? key.samples() : Math.min(length(file), ESCAPED_BY_KEY_AT);
            clockMs += endpos / 8;
            return "200 result=" + (int) key.key() + " endpos=" + endpos;
        }
        clockMs += length(file) / 8;
        return "200 result=0 endpos=" + length(file);
    }

    /**
     * A caller on hold who presses nothing: WAIT FOR DIGIT lasts its timeout, as on Asterisk, unless they hang up. Not
     * answered at once, so a session that waits on hold in slices of it (music, then the callback offer) waits, and
     * does not spin.
     */
    private void onHold(long timeoutMs) {
        if (timeoutMs <= 0) {
            return;
        }
        try {
            callerGone.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void music(boolean on, String mohClass) {
        if (music == on) {
            return;
        }
        music = on;
        if (events != null) {
            events.music(on, mohClass);
        }
    }

    /** What a command still running when the caller hangs up returns. */
    private String interruptedByHangup(String command, String upper) {
        if (upper.startsWith("STREAM FILE") || upper.startsWith("CONTROL STREAM FILE") || upper.startsWith("GET OPTION")) {
            String file = AgiStandIn.words(command).get(upper.startsWith("CONTROL") ? 3 : 2);
            long at = length(file) / 2;
            clockMs += at / 8;
            return "200 result=-1 endpos=" + at;
        }
        if (upper.startsWith("GET DATA") || upper.startsWith("WAIT FOR DIGIT") || upper.startsWith("EXEC")
                || upper.startsWith("SAY ") || upper.startsWith("RECORD FILE")) {
            return "200 result=-1";
        }
        return answer(command, upper);
    }

    /**
     * Dial: the phone rings (and may answer) before a held reply waits, so a test can act on a call in progress;
     * then the leg ends as its outcome says, or as a hang-up meanwhile made it end: the caller's (Dial returns -1,
     * HANGUP follows) or the agent's by an AMI Hangup (Dial returns 0, ANSWER).
     */
    private Reply dial(String command, Runnable hold, boolean deadBefore) {
        List<String> args = List.of(AgiStandIn.words(command).get(2).split(",", -1));
        if (deadBefore) {
            hold.run();
            return endDial("CANCEL", false, "200 result=-1", false);
        }
        AgiStandIn.DialOutcome outcome = config.dialOutcomes.apply(args.get(0));
        config.ringingNanos = System.nanoTime(); // Dial has reached Asterisk: the agent's phone starts ringing
        config.ringingMillis = System.currentTimeMillis();
        StandInCallEvents.AgentLeg leg = events == null ? null
                : events.dialBegins(args.get(0), args.size() > 2 ? args.get(2) : "",
                        outcome.untilHungUp() ? "RINGING" : outcome.status(), outcome.ringing());
        ringUntilAnswered();
        clockMs += 1000L * (outcome.ringSeconds() >= 0 ? outcome.ringSeconds()
                : args.size() > 1 && !args.get(1).isBlank() ? Long.parseLong(args.get(1)) : 30);
        if (outcome.answered() && leg != null) {
            events.agentAnswers(leg);
        }
        if (outcome.untilHungUp() && leg != null) {
            events.ringsUntilHungUp(leg);
        }
        hold.run();
        if (outcome.untilHungUp() && leg != null) {
            try {
                events.awaitRingingOver(leg, () -> dead);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!dead && !hangUpDone && config.hangUpWhen.test(command)) {
            hangUpDone = true;
            callerHangsUp();
        }
        if (!dead && outcome.answered()) {
            talk(outcome);
        }
        if (!dead && outcome.callerHangsUp()) {
            callerHangsUp();
        }
        if (dead) {
            return endDial(outcome.answered() ? "ANSWER" : "CANCEL", outcome.answered(), "200 result=-1", true);
        }
        if (leg != null && !outcome.untilHungUp()) {
            if (outcome.answered()) {
                events.agentHangsUp(leg);
            } else {
                events.dialEnds(leg, outcome.status());
            }
        }
        return endDial(outcome.status(), outcome.answered(), "200 result=0", false);
    }

    /** With ringsUntilAnswered(): the phone rings until the test answers it (at most a minute, then as if it had). */
    private void ringUntilAnswered() {
        config.ringing.countDown();
        if (config.answer != null) {
            try {
                config.answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The conversation: its simulated length, real time if asked, or (talk time -1) for as long as the caller is
     * bridged with someone: until the agent's leg is hung up over AMI, or whoever a transfer left them with hangs up.
     */
    private void talk(AgiStandIn.DialOutcome outcome) {
        clockMs += 1000L * Math.max(0, outcome.talkSeconds());
        long realMillis = config.talkTime.toMillis();
        try {
            if (outcome.talkSeconds() < 0 && events != null) {
                events.awaitCallerOutOfBridge(() -> dead);
            } else if (realMillis > 0) {
                callerGone.await(realMillis, TimeUnit.MILLISECONDS); // talking this long, unless the caller hangs up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * EXEC Bridge "channel,x" after the caller's Dial ended (checked on Asterisk 22.10.1): a channel that does not
     * exist gives 0 at once with BRIDGERESULT NONEXISTENT; otherwise the channel leaves what it did (ChanSpy) for a
     * new bridge with the caller, and the command returns 0 with SUCCESS when either side leaves. When the caller
     * hung up, HANGUP follows the reply and the other channel is hung up (x).
     */
    private Reply bridge(String command) {
        String target = AgiStandIn.words(command).get(2).split(",", -1)[0];
        if (events == null || !events.bridgeWith(target)) {
            setVariable("BRIDGERESULT", "NONEXISTENT");
            return new Reply("200 result=0", false);
        }
        try {
            events.awaitCallerOutOfBridge(() -> dead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setVariable("BRIDGERESULT", "SUCCESS");
        return new Reply("200 result=0", dead);
    }

    /** DIALSTATUS as given; ANSWEREDTIME, when answered, the seconds since the caller's channel was answered. */
    private Reply endDial(String status, boolean answered, String line, boolean hangupAfter) {
        setVariable("DIALSTATUS", status);
        long upMs = answeredAtMs < 0 ? 0 : clockMs - answeredAtMs;
        setVariable("ANSWEREDTIME", answered ? Long.toString(upMs / 1000) : "");
        setVariable("ANSWEREDTIME_MS", answered ? Long.toString(upMs) : "");
        setVariable("DIALEDTIME", Long.toString(clockMs / 1000));
        return new Reply(line, hangupAfter);
    }

    private String exec(List<String> words) {
        String application = words.get(1).toLowerCase(Locale.ROOT);
        List<String> args = words.size() > 2 ? List.of(words.get(2).split(",", -1)) : List.of();
        BiFunction<AgiStandIn.SimulatedCall, List<String>, String> custom = config.applications.get(application);
        if (custom != null) {
            return "200 result=" + custom.apply(session, args);
        }
        switch (application) {
            case "mixmonitor" -> {
                config.mixMonitor.start(String.join(",", args));
                if (events != null && !dead) {
                    events.mixMonitorStarted();
                }
                return "200 result=0";
            }
            case "stopmixmonitor" -> {
                config.mixMonitor.stop();
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

    /** RECORD FILE file format escape timeout [offset] [BEEP] [s=silence]: writes file.format. */
    private String recordFile(List<String> words) {
        Path target = Path.of(words.get(2) + "." + words.get(3));
        Object next = config.caller.record();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (next instanceof Path utterance) {
                Files.copy(utterance, target, StandardCopyOption.REPLACE_EXISTING);
                return "200 result=0 (silence) endpos=" + Files.size(target) / 2;
            }
            if (next instanceof Character key && words.get(4).indexOf(key) >= 0) {
                return "200 result=" + (int) key + " (dtmf) endpos=800";
            }
            Files.write(target, Wav.silence(1));
            return "200 result=0 (timeout) endpos=8000";
        } catch (IOException e) {
            return "200 result=-1 (writefile) endpos=0";
        }
    }

    private void setVariable(String name, String value) {
        synchronized (config.variables) {
            config.variables.put(name, value);
        }
    }

    private long length(String file) {
        return config.soundSamples.getOrDefault(file, AgiStandIn.DEFAULT_SOUND_SAMPLES);
    }

    private static String application(String command) {
        List<String> words = AgiStandIn.words(command);
        return words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
    }
}
