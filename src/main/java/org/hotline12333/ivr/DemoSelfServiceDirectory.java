package org.hotline12333.ivr;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Sample insured persons in the service's own database, so the self-service menu can be tried and tested without
 * the social insurance system. Seeded on the first start; see docs/ivr.md for the sample ID numbers and PINs.
 */
@Component
@ConditionalOnProperty(name = "hotline.ivr.self-service", havingValue = "demo", matchIfMissing = true)
class DemoSelfServiceDirectory implements SelfServiceDirectory, SmartInitializingSingleton {

    /** ID number, PIN, months paid, last payment date and amount, medical balance, card status. */
    static final List<Object[]> SAMPLES = List.of(
            new Object[] {"110101199003074258", "123456", 156, LocalDate.of(2026, 10, 15), new BigDecimal("1268.40"),
                    new BigDecimal("3520.75"), "active"},
            new Object[] {"44030419851112003X", "654321", 212, LocalDate.of(2026, 10, 20), new BigDecimal("2105.00"),
                    new BigDecimal("812.05"), "ready"},
            new Object[] {"310105197006151283", "888888", 398, LocalDate.of(2026, 9, 30), new BigDecimal("1890.60"),
                    new BigDecimal("10250.00"), "suspended"});

    /**
     * PBKDF2 (HMAC-SHA256, 16 iterations, a salt of its own per person): some tens of microseconds while the caller
     * waits. A six-digit PIN has a million values, so no hash stored beside it keeps it safe offline, slow or fast;
     * three tries per call and the lockouts do. BCrypt at cost 4, used before, took about a millisecond a check and was
     * a fifth of the service's CPU with a thousand callers at once (docs/PERFORMANCE.md); its hashes, stored without a
     * prefix, still match.
     */
    private static final PasswordEncoder PINS = pins();

    private static PasswordEncoder pins() {
        PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        DelegatingPasswordEncoder pins = new DelegatingPasswordEncoder("pbkdf2", Map.of("pbkdf2",
                new Pbkdf2PasswordEncoder("", 8, 16, Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256),
                "bcrypt", bcrypt));
        pins.setDefaultPasswordEncoderForMatches(bcrypt);
        return pins;
    }

    private final JdbcTemplate jdbc;

    DemoSelfServiceDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Integer count = jdbc.queryForObject("select count(*) from demo_insured_person", Integer.class);
        if (count != null && count > 0) {
            return;
        }
        for (Object[] sample : SAMPLES) {
            jdbc.update("insert into demo_insured_person (id_number, pin_hash, pension_months_paid, last_payment_date, "
                            + "last_payment_amount, medical_balance, card_status) values (?, ?, ?, ?, ?, ?, ?)",
                    sample[0], PINS.encode((String) sample[1]), sample[2], Date.valueOf((LocalDate) sample[3]),
                    sample[4], sample[5], sample[6]);
        }
    }

    @Override
    public Verification verify(String idNumber, String pin) {
        List<String> hashes = jdbc.queryForList("select pin_hash from demo_insured_person where id_number = ?",
                String.class, idNumber);
        if (hashes.isEmpty()) {
            return Verification.UNKNOWN_PERSON;
        }
        return pin != null && PINS.matches(pin, hashes.get(0)) ? Verification.VERIFIED : Verification.WRONG_PIN;
    }

    @Override
    public Optional<Map<String, Object>> query(Query query, String idNumber) {
        List<Map<String, Object>> rows = jdbc.query("select pension_months_paid, last_payment_date, last_payment_amount, "
                + "medical_balance, card_status from demo_insured_person where id_number = ?", (row, n) -> {
                    Map<String, Object> answer = new HashMap<>();
                    switch (query) {
                        case PENSION_CONTRIBUTIONS -> {
                            answer.put("monthsPaid", row.getInt(1));
                            answer.put("lastPaymentDate", row.getDate(2).toLocalDate());
                            answer.put("lastPaymentAmount", row.getBigDecimal(3));
                        }
                        case MEDICAL_BALANCE -> answer.put("balance", row.getBigDecimal(4));
                        case CARD_STATUS -> answer.put("status", row.getString(5));
                    }
                    return answer;
                }, idNumber);
        return rows.stream().findFirst();
    }
}
