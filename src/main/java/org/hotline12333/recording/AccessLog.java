package org.hotline12333.recording;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/**
 * The recordings' access log. An entry is written before the access it records is served: if it cannot be
 * written, the access fails.
 */
@Component
class AccessLog {

    private final RecordingAccessRepository entries;
    private final Clock clock;

    AccessLog(RecordingAccessRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    void record(String username, AccessAction action, String recordingId, String callId, String address,
                String detail) {
        entries.save(new RecordingAccess(clock.instant().truncatedTo(ChronoUnit.MILLIS), username, action, recordingId,
                callId, address, detail));
    }

    /** Newest first; a null filter matches everything. */
    List<RecordingAccess.Entry> find(String recordingId, String username, int limit) {
        Pageable page = PageRequest.of(0, limit);
        List<RecordingAccess> found;
        if (recordingId != null && username != null) {
            found = entries.findByRecordingIdAndUsernameOrderByIdDesc(recordingId, username, page);
        } else if (recordingId != null) {
            found = entries.findByRecordingIdOrderByIdDesc(recordingId, page);
        } else if (username != null) {
            found = entries.findByUsernameOrderByIdDesc(username, page);
        } else {
            found = entries.findAllByOrderByIdDesc(page);
        }
        return found.stream().map(RecordingAccess::view).toList();
    }
}
