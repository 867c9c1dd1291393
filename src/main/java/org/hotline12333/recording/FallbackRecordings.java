package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.sql.RowIds;
import org.hotline12333.telephony.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Recordings Asterisk made without the service: the dialplan's fallback records a call it answers under
 * {@code fallback/YYYY/MM/DD/<uniqueid>[-caller|-agent].wav}. Once the call has a record ({@code call.FallbackCalls},
 * or the service's own when it gave the call up before recording it), {@link #adopt} moves the files into the
 * service's layout and closes the recording like any other: checked, hashed, described by its sidecar, kept and
 * swept by retention and the integrity sweep, transcribed ({@link RecordingClosed}).
 */
@Service
public class FallbackRecordings {

    private static final Logger log = LoggerFactory.getLogger(FallbackRecordings.class);
    /** The fallback's file name suffixes (extensions.conf, hotline-record-fallback), by the service's legs. */
    private static final Map<Leg, String> SUFFIXES = Map.of(Leg.MIXED, ".wav", Leg.CALLER, "-caller.wav",
            Leg.OTHER, "-agent.wav");

    private final RecordingRepository recordings;
    private final RecordingLayout layout;
    private final RecordingCloser closer;
    private final RecordingRows rows;

    FallbackRecordings(RecordingRepository recordings, RecordingLayout layout, RecordingCloser closer,
                       RecordingRows rows) {
        this.recordings = recordings;
        this.layout = layout;
        this.closer = closer;
        this.rows = rows;
    }

    /** A call the recording belongs to, as the service has it. */
    public record ForCall(String callId, String node, String uniqueId, String channel, String callerNumber,
                          Instant startedAt, Instant endedAt) {
    }

    /**
     * Takes in the fallback's recording of the call, once: returns the recording's id (also when the call already had
     * one, which is left as it is), or empty when the files are not there.
     *
     * @param asteriskBase the files' common path as the node's Asterisk wrote them, without ".wav"
     */
    public Optional<String> adopt(ForCall call, String asteriskBase) {
        Optional<String> existing = recordings.findByCallId(call.callId()).map(Recording::id);
        if (existing.isPresent()) {
            return existing;
        }
        Optional<String> source = layout.fromAsterisk(call.node(), asteriskBase);
        if (source.isEmpty()) {
            log.warn("Fallback recording '{}' of call {} is not below node {}'s recordings-path: not taken in",
                    asteriskBase, call.callId(), call.node());
            return Optional.empty();
        }
        Instant startedAt = call.startedAt().truncatedTo(ChronoUnit.MILLIS);
        Map<Leg, String> files = layout.files(layout.base(startedAt, call.node(), call.callId()));
        Map<Leg, Path> from = new EnumMap<>(Leg.class);
        SUFFIXES.forEach((leg, suffix) -> from.put(leg, layout.resolve(source.get() + suffix)));
        if (!Files.exists(from.get(Leg.MIXED)) && !Files.exists(layout.resolve(files.get(Leg.MIXED)))) {
            log.warn("Fallback recording {} of call {} is not there", from.get(Leg.MIXED), call.callId());
            return Optional.empty();
        }
        try {
            for (Leg leg : List.of(Leg.CALLER, Leg.OTHER, Leg.MIXED)) {
                move(from.get(leg), layout.resolve(files.get(leg)));
            }
        } catch (IOException e) {
            log.error("Could not move the fallback recording of call {} into place", call.callId(), e);
            return Optional.empty();
        }
        String id = RowIds.next();
        CallInfo info = new CallInfo(call.callId(), call.node(), call.channel(), call.uniqueId(), call.callerNumber(),
                null, null, null, null, null, Map.of(), true);
        rows.insert(id, info, startedAt, files);
        closer.close(id, call.endedAt(), "fallback recording taken in");
        log.info("Took in the fallback's recording of call {} as recording {}", call.callId(), id);
        return Optional.of(id);
    }

    /** Moves a file into place; one already moved (a run cut short) or never written is left as it is. */
    private static void move(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
