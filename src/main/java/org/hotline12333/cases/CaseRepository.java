package org.hotline12333.cases;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CaseRepository extends JpaRepository<CaseRecord, Long> {

    /** States in which the finishing deadline runs. */
    List<CaseState> RUNNING = List.of(CaseState.REGISTERED, CaseState.HANDED_OFF, CaseState.SIGNED_FOR,
            CaseState.RETURNED, CaseState.REOPENED);

    Optional<CaseRecord> findByNumber(String number);

    /** The case, locked until the transaction ends: one step at a time, whichever instance takes it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT c FROM CaseRecord c WHERE c.number = :number")
    Optional<CaseRecord> lockByNumber(String number);

    List<CaseRecord> findByOwnerAndStateNotOrderByRegisteredAtDesc(String owner, CaseState state, Pageable page);

    List<CaseRecord> findByCallerNumberAndStateNotOrderByRegisteredAtDesc(String callerNumber, CaseState state,
                                                                          Pageable page);

    List<CaseRecord> findByDepartmentAndStateInOrderByRegisteredAtDesc(String department, Collection<CaseState> states,
                                                                       Pageable page);

    @Query("""
            SELECT c FROM CaseRecord c WHERE (:state IS NULL OR c.state = :state)
              AND (:department IS NULL OR c.department = :department)
              AND (:caller IS NULL OR c.callerNumber = :caller)
              AND (:owner IS NULL OR c.owner = :owner)
            ORDER BY c.registeredAt DESC""")
    List<CaseRecord> search(CaseState state, String department, String caller, String owner, Pageable page);

    /** Cases with a running deadline at or before {@code until}: candidates for reminders and escalation. */
    @Query("""
            SELECT c FROM CaseRecord c WHERE (c.state = org.hotline12333.cases.CaseState.HANDED_OFF
              AND c.signForDue <= :until) OR (c.state IN :running AND c.finishDue <= :until)
            ORDER BY c.id""")
    List<CaseRecord> dueBy(Instant until, Collection<CaseState> running, Pageable page);

    @Query("""
            SELECT COUNT(c) FROM CaseRecord c WHERE (c.state = org.hotline12333.cases.CaseState.HANDED_OFF
              AND c.signForDue < :now) OR (c.state IN :running AND c.finishDue < :now)""")
    long countOverdue(Instant now, Collection<CaseState> running);
}
