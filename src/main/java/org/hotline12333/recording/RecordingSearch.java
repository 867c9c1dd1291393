package org.hotline12333.recording;

import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.privacy.Mask;
import org.springframework.data.jpa.domain.Specification;

/**
 * What a supervisor (or an agent, for their own calls) looks for; null criteria match everything.
 *
 * @param from          recordings started at or after
 * @param to            recordings started before
 * @param agent         the agent's work number
 * @param callerNumber  the caller's number, exactly
 */
record RecordingSearch(Instant from, Instant to, String agent, String callerNumber, Long minDurationMs,
                       Long maxDurationMs, BigDecimal minScore, BigDecimal maxScore) {

    RecordingSearch forAgent(String workNumber) {
        return new RecordingSearch(from, to, workNumber, callerNumber, minDurationMs, maxDurationMs, minScore,
                maxScore);
    }

    Specification<Recording> specification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (from != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("startedAt"), from));
            }
            if (to != null) {
                where.add(cb.lessThan(root.get("startedAt"), to));
            }
            if (agent != null) {
                where.add(cb.equal(root.get("agent"), agent));
            }
            if (callerNumber != null) {
                where.add(cb.equal(root.get("callerNumber"), callerNumber));
            }
            if (minDurationMs != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("durationMs"), minDurationMs));
            }
            if (maxDurationMs != null) {
                where.add(cb.lessThanOrEqualTo(root.get("durationMs"), maxDurationMs));
            }
            if (minScore != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("score"), minScore));
            }
            if (maxScore != null) {
                where.add(cb.lessThanOrEqualTo(root.get("score"), maxScore));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    /** For the access log: the criteria given, without the caller's full number. */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "from", from);
        add(parts, "to", to);
        add(parts, "agent", agent);
        add(parts, "caller", callerNumber == null ? null : Mask.phone(callerNumber));
        add(parts, "minDurationMs", minDurationMs);
        add(parts, "maxDurationMs", maxDurationMs);
        add(parts, "minScore", minScore);
        add(parts, "maxScore", maxScore);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
