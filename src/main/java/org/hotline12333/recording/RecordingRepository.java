package org.hotline12333.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface RecordingRepository extends JpaRepository<Recording, String>, JpaSpecificationExecutor<Recording> {

    Optional<Recording> findByCallId(String callId);

    List<Recording> findByState(RecordingState state);

    /** One page of recordings in the order the sweep visits them. */
    List<Recording> findByIdGreaterThanOrderById(String afterId, Pageable page);

    /** Recordings in one directory of the layout: their files' paths start with it. */
    @Query("select distinct r from Recording r join r.files f where f.path like :prefix")
    List<Recording> findWithFilesUnder(String prefix);

    /** Recordings retention may delete: old enough, finished, and on no hold. */
    @Query("""
            select r from Recording r where r.startedAt < :before and r.state <> :recording
            and r.legalHold = false and r.complaintOpen = false and r.scoreAppealOpen = false order by r.startedAt""")
    List<Recording> findExpired(Instant before, RecordingState recording, Pageable page);

    @Query("""
            select count(r) from Recording r where r.startedAt < :before and r.state <> :recording
            and (r.legalHold = true or r.complaintOpen = true or r.scoreAppealOpen = true)""")
    long countExpiredButHeld(Instant before, RecordingState recording);
}
