package org.hotline12333.recording;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface MaintenanceRunRepository extends JpaRepository<MaintenanceRun, Long> {

    List<MaintenanceRun> findAllByOrderByIdDesc(Pageable page);
}
