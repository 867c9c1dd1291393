package org.hotline12333.ivr;

import java.util.Map;
import java.util.Optional;

/**
 * Where the IVR looks up an insured person's own data for self-service (the social insurance information system in
 * production). The IVR only knows these queries; an adapter answers them.
 */
public interface SelfServiceDirectory {

    /** Whether this PIN belongs to this ID number. */
    Verification verify(String idNumber, String pin);

    /**
     * The answer to a query for a verified person: values by name, as numbers ({@code monthsPaid}), amounts
     * ({@link java.math.BigDecimal}), dates ({@link java.time.LocalDate}) or codes ({@code status}). Empty when the
     * person has no such record.
     */
    Optional<Map<String, Object>> query(Query query, String idNumber);

    enum Verification { VERIFIED, WRONG_PIN, UNKNOWN_PERSON }

    /** The self-service queries the IVR offers; script names are the lower-case, dashed forms. */
    enum Query {
        /** monthsPaid (number), lastPaymentDate (date), lastPaymentAmount (money). */
        PENSION_CONTRIBUTIONS,
        /** balance (money). */
        MEDICAL_BALANCE,
        /** status (code: active, applying, ready, suspended). */
        CARD_STATUS;

        String scriptName() {
            return name().toLowerCase().replace('_', '-');
        }

        static Optional<Query> byScriptName(String name) {
            for (Query query : values()) {
                if (query.scriptName().equals(name)) {
                    return Optional.of(query);
                }
            }
            return Optional.empty();
        }
    }
}
