package org.hotline12333.call;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface CallLegRepository extends JpaRepository<CallLeg, Long> {

    List<CallLeg> findByCallIdOrderByStartedAtAscIdAsc(String callId);
}
