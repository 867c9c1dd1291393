package org.hotline12333.recording;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface RecordingAccessRepository extends JpaRepository<RecordingAccess, Long> {

    List<RecordingAccess> findByRecordingIdAndUsernameOrderByIdDesc(String recordingId, String username,
                                                                   Pageable page);

    List<RecordingAccess> findByRecordingIdOrderByIdDesc(String recordingId, Pageable page);

    List<RecordingAccess> findByUsernameOrderByIdDesc(String username, Pageable page);

    List<RecordingAccess> findAllByOrderByIdDesc(Pageable page);
}
