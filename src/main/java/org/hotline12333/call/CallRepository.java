package org.hotline12333.call;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CallRepository extends JpaRepository<Call, String> {

    List<Call> findByHandledByAndEndedAtIsNull(String handledBy);

    List<Call> findByStartedAtBetweenOrderByStartedAtDesc(Instant from, Instant to, Pageable page);
}
