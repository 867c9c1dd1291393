package org.hotline12333.quality;

import java.time.YearMonth;
import java.util.List;
import org.hotline12333.cases.CaseFigures;
import org.hotline12333.cases.CaseKind;
import org.hotline12333.cases.DepartmentFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The departments' figures of the month (cases: on time, returned, reopened, time to close), stored beside the
 * agents' rows when the assessment is produced and read back with them.
 */
@Component
class AssessmentDepartments {

    private final CaseFigures cases;
    private final JdbcClient db;
    private final QualityProperties properties;

    AssessmentDepartments(CaseFigures cases, JdbcClient db, QualityProperties properties) {
        this.cases = cases;
        this.db = db;
        this.properties = properties;
    }

    List<DepartmentFigures> compute(YearMonth month) {
        return cases.month(month, properties.zone());
    }

    /** Replaces the month's rows; in the assessment's transaction. */
    void store(YearMonth month, List<DepartmentFigures> rows) {
        db.sql("DELETE FROM quality_assessment_department WHERE assessment_month = ?").param(month.toString()).update();
        for (int i = 0; i < rows.size(); i++) {
            DepartmentFigures row = rows.get(i);
            db.sql("""
                    INSERT INTO quality_assessment_department (assessment_month, seq, department, department_name,
                        kind, due, on_time, on_time_percent, handed_off, returned, returned_percent, closed, reopened,
                        reopened_percent, average_hours_to_close) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(month.toString(), i, row.department(), row.name(),
                            row.kind() == null ? null : row.kind().name(), row.due(), row.onTime(),
                            row.onTimePercent(), row.handedOff(), row.returned(), row.returnedPercent(), row.closed(),
                            row.reopened(), row.reopenedPercent(), row.averageHoursToClose())
                    .update();
        }
    }

    List<DepartmentFigures> read(YearMonth month) {
        return db.sql("SELECT * FROM quality_assessment_department WHERE assessment_month = ? ORDER BY seq")
                .param(month.toString())
                .query((rs, n) -> new DepartmentFigures(rs.getString("department"), rs.getString("department_name"),
                        rs.getString("kind") == null ? null : CaseKind.valueOf(rs.getString("kind")), rs.getInt("due"),
                        rs.getInt("on_time"), rs.getBigDecimal("on_time_percent"), rs.getInt("handed_off"),
                        rs.getInt("returned"), rs.getBigDecimal("returned_percent"), rs.getInt("closed"),
                        rs.getInt("reopened"), rs.getBigDecimal("reopened_percent"),
                        rs.getBigDecimal("average_hours_to_close")))
                .list();
    }
}
