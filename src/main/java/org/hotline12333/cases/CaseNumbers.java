package org.hotline12333.cases;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Case numbers: 12333-YYYYMMDD-NNNN, one sequence per day. The day's counter row is incremented in the transaction
 * that registers the case and stays locked until it commits, so instances sharing a database take turns and never
 * give out a number twice; a registration that fails gives its number back with its rollback.
 */
@Component
class CaseNumbers {

    static final String PREFIX = "12333-";

    private final JdbcClient db;

    CaseNumbers(JdbcClient db) {
        this.db = db;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(LocalDate day) {
        db.sql("INSERT INTO case_number (number_day, last_number) VALUES (?, 0) ON CONFLICT DO NOTHING").param(day)
                .update();
        db.sql("UPDATE case_number SET last_number = last_number + 1 WHERE number_day = ?").param(day).update();
        int number = db.sql("SELECT last_number FROM case_number WHERE number_day = ?").param(day)
                .query(Integer.class).single();
        return PREFIX + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + String.format("%04d", number);
    }
}
