package org.hotline12333.speech;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.MachineReadings;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.Speech;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor.Leg;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Forbidden phrases caught while the call is on, with the real model: how long from the end of the phrase (its last
 * sample written by MixMonitor) to the alert arriving on the supervisors' event stream, over calls through the whole
 * service; and how many calls one core can watch: the processor time the live recognizer spends per second of an
 * agent's side (speech and pauses), checked by watching that many calls per core at once, written in real time.
 */
@Tag("benchmark")
class LiveSpottingBenchmark {

    private static final int CALLS_FOR_DELAY = 6;
    private static final Duration WATCHED_FOR = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final Map<String, Number> figures = new TreeMap<>();

    @AfterAll
    static void report() {
        if (!figures.isEmpty()) {
            System.out.println("live spotting benchmark: " + figures);
            BenchResults.record(figures);
        }
    }

    @Test
    void delayFromTheEndOfThePhraseToTheAlertOnTheFloor() throws Exception {
        TestLanguage language = VoskTestModel.language();
        RecordedEvents events = new RecordedEvents();
        ScriptedCalls scripted = new ScriptedCalls();
        List<String> arguments = new ArrayList<>(language.findingArguments());
        arguments.add("--hotline.recordings.directory=" + dir.resolve("recordings"));
        arguments.add("--hotline.asterisk.nodes[0].recordings-path=" + StandInAsterisk.RECORDINGS_PATH);
        ConfigurableApplicationContext service = SpeechServices.start(SpeechServices.newDatabase(), arguments,
                SharedModel.recognizer(), events, scripted);
        try {
            int http = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Http.on(http).as("admin", "test-admin-password").post("/api/users", "{\"username\":\"delay.lead\","
                    + "\"password\":\"delay-lead-pw-1\",\"role\":\"SUPERVISOR\"}");
            LiveCalls calls = new LiveCalls(service, scripted, events, dir.resolve("recordings"));
            TestAgent agent = calls.agentFor("delay");
            double[] delays = new double[CALLS_FOR_DELAY];
            int heard = 0;
            double load = MachineReadings.loadAverage();
            try (EventStream floor = EventStream.open(http, "/api/supervision/stream", "delay.lead", "delay-lead-pw-1")) {
                floor.await("snapshot", snapshot -> true);
                for (int i = 0; i < CALLS_FOR_DELAY; i++) {
                    Path said = SpeechScenarios.leg(language).silence(1.0 + 0.37 * i).say(language.forbiddenSaid())
                            .silence(3).render(dir.resolve("said-" + i + ".wav")).file();
                    String channel = agent.endpoint() + "-00000" + (700 + i);
                    LiveCalls.Call ringing = calls.ringing("delay");
                    String callId = ringing.callId();
                    AgiStandIn.SimulatedCall call = ringing.session();
                    ringing.answeredOn(channel);
                    CompletableFuture<Long> written = call.says(Leg.OTHER, SpokenAudio.endingWithTheLastSound(said));
                    try {
                        EventStream.Event alert = floor.await("alert", a -> callId.equals(a.path("callId").asString())
                                && "FORBIDDEN_PHRASE_LIVE".equals(a.path("kind").asString()), Duration.ofSeconds(30));
                        delays[heard++] = (alert.receivedNanos() - written.get()) / 1e6;
                    } catch (AssertionError missed) {
                        System.out.println("call " + i + ": the phrase was not heard within 30 s");
                    }
                    ringing.hangUp();
                }
            }
            double[] measured = Arrays.copyOf(delays, heard);
            Arrays.sort(measured);
            figures.put("live_alert_calls", CALLS_FOR_DELAY);
            figures.put("live_alert_heard", heard);
            if (heard > 0) {
                figures.put("live_alert_delay_ms_median", measured[heard / 2]);
                figures.put("live_alert_delay_ms_max", measured[heard - 1]);
            }
            figures.put("live_alert_load_average", (load + MachineReadings.loadAverage()) / 2);
            System.out.println("delays from the end of the phrase to the alert on the stream (ms): "
                    + Arrays.toString(measured));
        } finally {
            service.close();
        }
    }

    @Test
    void callsOneCoreCanWatch() throws Exception {
        TestLanguage language = VoskTestModel.language();
        VoskRecognizer vosk = SharedModel.vosk();
        Path leg = agentSide(language, dir.resolve("agent-side.wav"));
        double seconds = SpokenAudio.seconds(leg);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        RecognizerPool one = new RecognizerPool(1);
        double load = MachineReadings.loadAverage();
        long cpuStarted = cpu.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (LiveWatch watch = new LiveWatch("capacity", "agent", leg, 0, language.forbiddenPhrases(), vosk, one)) {
            do {
                watch.poll(); // a look at a time, as the live threads take them
            } while (watch.behind() > 0);
            watch.finish();
        }
        double cpuRtf = (cpu.getCurrentThreadCpuTime() - cpuStarted) / 1e9 / seconds;
        int perCore = (int) Math.floor(1 / cpuRtf);
        figures.put("live_rtf_cpu", cpuRtf);
        figures.put("live_rtf_wall", (System.nanoTime() - started) / 1e9 / seconds);
        figures.put("live_calls_per_core", perCore);
        figures.put("live_capacity_load_average", (load + MachineReadings.loadAverage()) / 2);

        int cores = Runtime.getRuntime().availableProcessors();
        int calls = Math.max(1, perCore) * cores;
        figures.put("live_calls_watched_at_once", calls);
        figures.put("live_most_behind_s", watchAtOnce(vosk, language, leg, calls, cores));
    }

    /** That many calls written in real time and watched by the cores; the most any fell behind, in seconds. */
    private static double watchAtOnce(VoskRecognizer vosk, TestLanguage language, Path source, int calls, int cores)
            throws Exception {
        short[] samples = Speech.samples(source);
        List<FileChannel> files = new ArrayList<>();
        List<LiveWatch> watches = new ArrayList<>();
        RecognizerPool pool = new RecognizerPool(cores);
        for (int i = 0; i < calls; i++) {
            Path file = Files.write(dir.resolve("growing-" + i + ".wav"), Wav.pcm(new byte[0]));
            files.add(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            watches.add(new LiveWatch("call-" + i, "agent", file, 0, language.forbiddenPhrases(), vosk, pool));
        }
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(cores);
        double[] behind = new double[calls];
        for (int i = 0; i < calls; i++) {
            LiveWatch watch = watches.get(i);
            int n = i;
            threads.scheduleWithFixedDelay(() -> {
                try {
                    watch.poll();
                    behind[n] = Math.max(behind[n], watch.behind());
                } catch (IOException | InterruptedException | RuntimeException e) {
                    behind[n] = Double.MAX_VALUE;
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
        }
        int frame = 160;
        long next = System.nanoTime();
        long end = next + WATCHED_FOR.toNanos();
        for (int at = 0; System.nanoTime() < end; at = (at + frame) % (samples.length - frame)) {
            ByteBuffer bytes = ByteBuffer.allocate(frame * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int s = 0; s < frame; s++) {
                bytes.putShort(samples[at + s]);
            }
            for (FileChannel file : files) {
                file.write(bytes.flip());
            }
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
        }
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        for (int i = 0; i < calls; i++) {
            files.get(i).close();
            watches.get(i).close();
        }
        return Arrays.stream(behind).max().orElse(0);
    }

    /** An agent's side of a conversation: sentences with the caller's turns (silence) between. */
    private static Path agentSide(TestLanguage language, Path file) {
        SpokenAudio.Leg leg = SpeechScenarios.leg(language);
        for (String sentence : language.sentences()) {
            leg.silence(2.5).say(sentence);
        }
        return leg.silence(1).render(file).file();
    }

}
