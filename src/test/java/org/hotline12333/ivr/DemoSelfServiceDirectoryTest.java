package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import org.hotline12333.ivr.SelfServiceDirectory.Verification;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The demo directory's PINs: stored as salted PBKDF2 hashes, never as the PIN, and checked as callers key them;
 * a person stored by an earlier version, with a BCrypt hash, is still let in with the right PIN and only with it.
 */
@HotlineTest
class DemoSelfServiceDirectoryTest {

    /** Not a sample person (docs/ivr.md): a row as an earlier version stored it. */
    static final String EARLIER = "110101199001010011";

    @Autowired
    SelfServiceDirectory directory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSamplePersonsPinsAreSaltedPbkdf2HashesAndOnlyTheRightPinVerifies() {
        for (Object[] sample : DemoSelfServiceDirectory.SAMPLES) {
            String id = (String) sample[0];
            String pin = (String) sample[1];
            String hash = jdbc.queryForObject("select pin_hash from demo_insured_person where id_number = ?",
                    String.class, id);
            assertThat(hash).startsWith("{pbkdf2}").doesNotContain(pin);

            assertThat(directory.verify(id, pin)).isEqualTo(Verification.VERIFIED);
            assertThat(directory.verify(id, wrong(pin))).isEqualTo(Verification.WRONG_PIN);
        }
    }

    @Test
    void aPinHashedWithBcryptByAnEarlierVersionStillMatches() {
        jdbc.update("delete from demo_insured_person where id_number = ?", EARLIER);
        jdbc.update("insert into demo_insured_person (id_number, pin_hash, pension_months_paid, last_payment_date, "
                        + "last_payment_amount, medical_balance, card_status) values (?, ?, ?, ?, ?, ?, ?)",
                EARLIER, new BCryptPasswordEncoder(4).encode("246810"), 12, Date.valueOf(LocalDate.of(2026, 10, 1)),
                new BigDecimal("900.00"), new BigDecimal("10.00"), "active");
        try {
            assertThat(directory.verify(EARLIER, "246810")).isEqualTo(Verification.VERIFIED);
            assertThat(directory.verify(EARLIER, "246811")).isEqualTo(Verification.WRONG_PIN);
            assertThat(directory.verify(EARLIER, null)).isEqualTo(Verification.WRONG_PIN);
        } finally {
            jdbc.update("delete from demo_insured_person where id_number = ?", EARLIER);
        }
    }

    private static String wrong(String pin) {
        return pin.equals("000000") ? "000001" : "000000";
    }
}
