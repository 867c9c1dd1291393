package org.hotline12333.alert;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRepository extends JpaRepository<Alert, Long> {

    List<Alert> findByAcknowledgedAtIsNullOrderByRaisedAtDesc(Pageable page);

    List<Alert> findAllByOrderByRaisedAtDesc(Pageable page);
}
