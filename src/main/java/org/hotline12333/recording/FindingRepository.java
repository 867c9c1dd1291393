package org.hotline12333.recording;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface FindingRepository extends JpaRepository<Finding, Long> {

    List<Finding> findByRunIdOrderById(long runId, Pageable page);
}
