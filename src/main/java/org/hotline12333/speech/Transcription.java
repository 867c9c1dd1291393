package org.hotline12333.speech;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.speech.Transcript.Utterance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One recording from audio to findings: both legs transcribed, the transcript analysed, written as a sidecar and
 * stored, then {@link TranscriptReady}, {@link FindingsReady} and, for a forbidden phrase, {@link VetoProposed}
 * published and supervisors alerted.
 */
@Component
class Transcription {

    private final LegTranscriber legs;
    private final SpeechRecognizer recognizer;
    private final SpeechProperties properties;
    private final SpeechAnalysis analysis;
    private final TranscriptSidecars sidecars;
    private final Transcripts transcripts;
    private final SpeechJobs jobs;
    private final ApplicationEventPublisher events;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CallRecords calls;
    private final DistributionSummary realTimeFactor;

    Transcription(LegTranscriber legs, SpeechRecognizer recognizer, SpeechProperties properties,
                  TranscriptSidecars sidecars, Transcripts transcripts, SpeechJobs jobs,
                  ApplicationEventPublisher events, Alerts alerts, TransactionTemplate transactions,
                  Clock clock, MeterRegistry meters, CallRecords calls) {
        this.calls = calls;
        this.legs = legs;
        this.recognizer = recognizer;
        this.properties = properties;
        this.analysis = new SpeechAnalysis(properties.findings());
        this.sidecars = sidecars;
        this.transcripts = transcripts;
        this.jobs = jobs;
        this.events = events;
        this.alerts = alerts;
        this.transactions = transactions;
        this.clock = clock;
        this.realTimeFactor = DistributionSummary.builder("hotline.speech.real.time.factor")
                .description("transcription time divided by the audio's duration, per recording").register(meters);
    }

    void run(RecordingClosed recording, BooleanSupplier stopping) throws InterruptedException {
        if (recording.callerSide() == null && recording.otherSide() == null) {
            throw new TelephoneAudio.AudioException("recording " + recording.recordingId() + " has no caller or agent leg");
        }
        long started = System.nanoTime();
        int sampleRate = properties.sampleRate();
        List<Utterance> utterances = new ArrayList<>();
        double audioSeconds = 0;
        for (Speaker speaker : Speaker.values()) {
            Path file = speaker == Speaker.CALLER ? recording.callerSide() : recording.otherSide();
            if (file != null) {
                LegTranscriber.Leg leg = legs.transcribe(file, speaker, sampleRate, stopping);
                utterances.addAll(leg.utterances());
                audioSeconds += leg.audioSeconds();
            }
        }
        utterances.sort(Comparator.comparingDouble(Utterance::start));
        Instant now = clock.instant();
        Transcript transcript = new Transcript(recording.recordingId(), recording.callId(), recognizer.status().model(),
                sampleRate, now, utterances);
        SpeechAnalysis.Result result = analysis.analyse(transcript, conversation(recording));
        Path sidecar = sidecars.write(transcript, recording);
        FindingsReady findings = new FindingsReady(recording.recordingId(), recording.callId(), result.findings(),
                result.measures());
        List<Finding> forbidden = findings.ofKind(FindingKind.FORBIDDEN_PHRASE);
        transactions.executeWithoutResult(status -> {
            transcripts.save(transcript, sidecar, result);
            jobs.done(recording.recordingId(), now);
            events.publishEvent(new TranscriptReady(recording.recordingId(), recording.callId(), sidecar,
                    utterances.size()));
            events.publishEvent(findings);
            if (!forbidden.isEmpty()) {
                events.publishEvent(new VetoProposed(recording.callId(), recording.recordingId(),
                        "forbidden phrase (服务忌语) in the agent's speech", forbidden));
            }
        });
        if (!forbidden.isEmpty()) {
            alerts.raise(AlertKind.FORBIDDEN_PHRASE, recording.callId(), Mask.inText(alertMessage(recording, forbidden)));
        }
        if (audioSeconds > 0) {
            realTimeFactor.record((System.nanoTime() - started) / 1e9 / audioSeconds);
        }
    }

    /**
     * Where in the recording the caller talked with an agent, from the Call record; the whole recording when the call
     * is not known (a recording rebuilt from disk for a lost call), none when no agent took it.
     */
    private SpeechAnalysis.Conversation conversation(RecordingClosed recording) {
        Optional<CallSummary> call = calls.find(recording.callId());
        if (call.isEmpty()) {
            return SpeechAnalysis.Conversation.WHOLE_RECORDING;
        }
        CallSummary.Routing routing = call.get().routing();
        if (routing == null || routing.connectedAt() == null) {
            return null;
        }
        double from = Duration.between(recording.startedAt(), routing.connectedAt()).toMillis() / 1000.0;
        double until = routing.talkEndedAt() == null ? Double.MAX_VALUE
                : Duration.between(recording.startedAt(), routing.talkEndedAt()).toMillis() / 1000.0;
        return new SpeechAnalysis.Conversation(Math.max(0, from), until);
    }

    private static String alertMessage(RecordingClosed recording, List<Finding> forbidden) {
        StringBuilder message = new StringBuilder("forbidden phrase in call ").append(recording.callId()).append(':');
        for (Finding finding : forbidden) {
            message.append(" 「").append(finding.phrase()).append("」 at ").append(clockTime(finding.start()));
        }
        return message.append(" (recording ").append(recording.recordingId()).append("); a veto awaits confirmation")
                .toString();
    }

    /** Seconds as m:ss, as a player shows them. */
    static String clockTime(double seconds) {
        long whole = (long) Math.floor(seconds);
        return String.format("%d:%02d", whole / 60, whole % 60);
    }
}
