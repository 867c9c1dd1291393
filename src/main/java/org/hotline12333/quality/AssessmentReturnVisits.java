package org.hotline12333.quality;

import java.time.YearMonth;
import java.util.List;
import org.hotline12333.outreach.ReturnVisitFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The month's 回访满意率 per department and per agent, stored beside the agents' rows when the month is produced. */
@Component
class AssessmentReturnVisits {

    private final ReturnVisitFigures figures;
    private final JdbcClient db;
    private final QualityProperties properties;

    AssessmentReturnVisits(ReturnVisitFigures figures, JdbcClient db, QualityProperties properties) {
        this.figures = figures;
        this.db = db;
        this.properties = properties;
    }

    List<ReturnVisitFigures.Rate> compute(YearMonth month) {
        return figures.month(month, properties.zone());
    }

    /** Replaces the month's rows; in the assessment's transaction. */
    void store(YearMonth month, List<ReturnVisitFigures.Rate> rows) {
        db.sql("DELETE FROM quality_assessment_return_visit WHERE assessment_month = ?").param(month.toString()).update();
        for (int i = 0; i < rows.size(); i++) {
            ReturnVisitFigures.Rate row = rows.get(i);
            db.sql("""
                    INSERT INTO quality_assessment_return_visit (assessment_month, seq, scope, scope_key, answered,
                        satisfied, basically_satisfied, dissatisfied, percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(month.toString(), i, row.scope(), row.key(), row.answered(), row.satisfied(),
                            row.basicallySatisfied(), row.dissatisfied(), row.percent())
                    .update();
        }
    }

    List<ReturnVisitFigures.Rate> read(YearMonth month) {
        return db.sql("SELECT * FROM quality_assessment_return_visit WHERE assessment_month = ? ORDER BY seq")
                .param(month.toString())
                .query((rs, n) -> new ReturnVisitFigures.Rate(rs.getString("scope"), rs.getString("scope_key"),
                        rs.getInt("answered"), rs.getInt("satisfied"), rs.getInt("basically_satisfied"),
                        rs.getInt("dissatisfied"), rs.getBigDecimal("percent")))
                .list();
    }
}
