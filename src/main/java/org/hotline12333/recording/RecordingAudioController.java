package org.hotline12333.recording;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Playing and downloading recordings, with range requests (a player seeks; Spring answers 206 with the bytes
 * asked for). Every request is written to the access log before a byte is sent. The file served is always the
 * one the index names for that recording, resolved inside the recordings directory: nothing in a request becomes
 * part of a path.
 */
@RestController
@RequestMapping({"/api/recordings", "/desk/data/recordings"})
class RecordingAudioController {

    private static final Logger log = LoggerFactory.getLogger(RecordingAudioController.class);
    static final MediaType WAV = MediaType.parseMediaType("audio/wav");

    private final Recordings recordings;
    private final Viewers viewers;
    private final AccessLog accessLog;
    private final RecordingLayout layout;

    RecordingAudioController(Recordings recordings, Viewers viewers, AccessLog accessLog, RecordingLayout layout) {
        this.recordings = recordings;
        this.viewers = viewers;
        this.accessLog = accessLog;
        this.layout = layout;
    }

    /**
     * @param leg      {@code mixed} (default), {@code caller} or {@code other}
     * @param download {@code true} to save the file ({@code Content-Disposition: attachment}), else it plays inline
     */
    @GetMapping("/{id}/audio")
    @PreAuthorize("hasRole('AGENT')")
    ResponseEntity<Resource> audio(@PathVariable String id, @RequestParam(defaultValue = "mixed") String leg,
                                   @RequestParam(defaultValue = "false") boolean download,
                                   @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
                                   Authentication authentication, HttpServletRequest request) {
        Leg which = leg(leg);
        RecordingView recording = recordings.find(Viewers.checkId(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no recording " + id));
        Viewers.Viewer viewer = viewers.of(authentication, request);
        viewers.check(viewer, recording, (download ? "download " : "play ") + leg);
        Path file = file(recording, which);
        accessLog.record(viewer.username(), download ? AccessAction.DOWNLOAD : AccessAction.PLAY, recording.id(),
                recording.callId(), viewer.address(), leg + (range == null ? "" : " " + range));
        ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(file.getFileName().toString()).build();
        return ResponseEntity.ok()
                .contentType(WAV)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .cacheControl(CacheControl.noStore())
                .body(new FileSystemResource(file));
    }

    private Path file(RecordingView recording, Leg leg) {
        RecordingView.FileView file = recording.files().get(leg);
        if (file == null || file.problem() == FileProblem.MISSING) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "recording " + recording.id() + " has no "
                    + leg.name().toLowerCase(Locale.ROOT) + " file");
        }
        Path path;
        try {
            path = layout.resolve(file.path());
        } catch (RecordingLayout.OutsideRecordingsException e) {
            log.error("Recording {} names a file outside the recordings directory ({}): refused", recording.id(),
                    file.path());
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "recording " + recording.id()
                    + " has no usable file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the file of recording " + recording.id()
                    + " is not on disk");
        }
        return path;
    }

    private static Leg leg(String name) {
        for (Leg leg : Leg.values()) {
            if (leg.name().equalsIgnoreCase(name)) {
                return leg;
            }
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "leg must be mixed, caller or other");
    }
}
