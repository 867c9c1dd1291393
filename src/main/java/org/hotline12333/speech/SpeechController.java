package org.hotline12333.speech;

import java.security.Principal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Transcripts and findings for supervisors. Transcripts are personal data: every read is logged with who read what.
 */
@RestController
@RequestMapping("/api/speech")
@PreAuthorize("hasRole('SUPERVISOR')")
class SpeechController {

    private static final Logger audit = LoggerFactory.getLogger("org.hotline12333.audit");

    private final Transcripts transcripts;
    private final SpeechJobs jobs;

    SpeechController(Transcripts transcripts, SpeechJobs jobs) {
        this.transcripts = transcripts;
        this.jobs = jobs;
    }

    /** A recording's transcript, findings and figures; 404 says whether it is still waiting or failed. */
    @GetMapping("/recordings/{recordingId}")
    Transcripts.Analysed recording(@PathVariable String recordingId, Principal reader) {
        audit.info("{} read the transcript of recording {}", reader.getName(), recordingId);
        return transcripts.ofRecording(recordingId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                jobs.find(recordingId).map(SpeechController::progress)
                        .orElse("no recording " + recordingId + " has been queued for transcription")));
    }

    /** The transcripts of a call's recordings (usually one), oldest first. */
    @GetMapping("/calls/{callId}")
    List<Transcripts.Analysed> call(@PathVariable String callId, Principal reader) {
        audit.info("{} read the transcripts of call {}", reader.getName(), callId);
        return transcripts.ofCall(callId);
    }

    private static String progress(SpeechJobs.Job job) {
        String recording = "recording " + job.recordingId();
        switch (job.state()) {
            case QUEUED:
                return recording + " is queued for transcription" + (job.lastError() == null ? ""
                        : " (to be tried again after: " + job.lastError() + ")");
            case RUNNING:
                return recording + " is being transcribed";
            case FAILED:
                return recording + " could not be transcribed: " + job.lastError();
            default:
                return recording + " was transcribed but its transcript is gone";
        }
    }
}
