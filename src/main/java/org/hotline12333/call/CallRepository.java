package org.hotline12333.call;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CallRepository extends JpaRepository<Call, String> {

    List<Call> findByHandledByAndEndedAtIsNull(String handledBy);

    @Query("select c.id from Call c where c.id in :ids and c.endedAt is null")
    List<String> openAmong(@Param("ids") java.util.Collection<String> ids);

    @Query("select c.id from Call c where c.id in :ids and c.handledBy = :instance and c.endedAt is not null")
    List<String> endedAmong(@Param("ids") java.util.Collection<String> ids, @Param("instance") String instance);

    List<Call> findByStartedAtBetweenOrderByStartedAtDesc(Instant from, Instant to, Pageable page);

    @Query("select c from Call c where c.callerNumber = :number and c.id <> :except order by c.startedAt desc")
    List<Call> previousContacts(@Param("number") String callerNumber, @Param("except") String exceptCallId,
                                Pageable page);

    List<Call> findByAgentOrderByStartedAtDesc(String agent, Pageable page);

    @Query("select c from Call c where c.agent is not null and c.connectedAt >= :from and c.connectedAt < :to"
            + " order by c.connectedAt, c.id")
    List<Call> answeredBetween(@Param("from") Instant from, @Param("to") Instant to, Pageable page);

    @Modifying
    @Query("update Call c set c.outboundPurpose = :purpose, c.callerNumber = :party where c.id = :id")
    int outbound(@Param("id") String id, @Param("purpose") String purpose, @Param("party") String party);

    @Modifying
    @Query("update Call c set c.disposition = :disposition, c.note = :note,"
            + " c.wrapUpEndedAt = coalesce(c.wrapUpEndedAt, :at) where c.id = :id")
    int wrappedUp(@Param("id") String id, @Param("disposition") String disposition, @Param("note") String note,
                  @Param("at") Instant at);
}
