package org.hotline12333.speech;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.SpokenAudio.Leg;
import org.hotline12333.testkit.SpokenAudio.Rendered;

/** A call's recording made of real rendered speech: both legs as Asterisk would leave them, equally long. */
record CallAudio(RecordingClosed closed, Rendered caller, Rendered agent) {

    static CallAudio render(Path directory, String recordingId, Leg caller, Leg agent) {
        Rendered callerSide = caller.render(directory.resolve(recordingId + "-in.wav"));
        Rendered agentSide = agent.render(directory.resolve(recordingId + "-out.wav"));
        double length = Math.max(SpokenAudio.seconds(callerSide.file()), SpokenAudio.seconds(agentSide.file()));
        SpokenAudio.padTo(callerSide.file(), length);
        SpokenAudio.padTo(agentSide.file(), length);
        RecordingClosed closed = new RecordingClosed(recordingId, "call-" + recordingId, "central",
                directory.resolve(recordingId + ".wav"), callerSide.file(), agentSide.file(), Instant.now(),
                Duration.ofMillis(Math.round(length * 1000)));
        return new CallAudio(closed, callerSide, agentSide);
    }

    /** Tells the stand-in what each leg says, phrase by phrase. */
    CallAudio toldTo(SpeechModelStandIn standIn) {
        standIn.says(caller.file(), caller.texts());
        standIn.says(agent.file(), agent.texts());
        return this;
    }

    String recordingId() {
        return closed.recordingId();
    }

    Path sidecar() {
        return closed.mixed().resolveSibling(recordingId() + TranscriptSidecars.SUFFIX);
    }
}
