package org.hotline12333.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hotline12333.cases.DepartmentFigures;
import org.hotline12333.outreach.ReturnVisitFigures;

/**
 * The monthly assessment as CSV for the pay office (考评结果与薪资挂钩): UTF-8 with a byte order mark so that Excel
 * reads the Chinese headers and names right, comma-separated, CRLF line ends, one header row, then one row per agent
 * by work number; the departments' figures of cases are a second file of the same form. Numbers are plain (no thousands separators, '.' as the decimal point); a figure that does not
 * exist (no surveys, no scored call) is an empty cell. docs/quality.md defines each column.
 */
final class AssessmentCsv {

    static final List<String> HEADER = List.of("月份", "工号", "姓名", "接听量", "计时通话数", "平均处理时长(秒)",
            "评价数", "满意", "基本满意", "不满意", "满意率(%)", "质检数", "平均质检分", "一票否决数");
    static final List<String> DEPARTMENT_HEADER = List.of("月份", "承办单位代码", "承办单位", "类型", "应办结",
            "按时办结", "按时办结率(%)", "交办", "退回", "退回率(%)", "办结", "重新办理", "重办率(%)", "平均办结时长(小时)");
    static final List<String> RETURN_VISIT_HEADER = List.of("月份", "范围", "承办单位或工号", "已回访", "满意",
            "基本满意", "不满意", "回访满意率(%)");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private AssessmentCsv() {
    }

    static byte[] write(Assessments.Assessment assessment) {
        return csv(HEADER, csv -> {
            for (Assessments.Row row : assessment.rows()) {
                csv.printRecord(assessment.month().toString(), text(row.agent()), text(row.name()), row.callsHandled(),
                        row.handleTimeCalls(), number(row.averageHandleSeconds()), row.surveys(), row.satisfied(),
                        row.basicallySatisfied(), row.dissatisfied(), number(row.satisfactionPercent()),
                        row.scoredCalls(), number(row.averageScore()), row.vetoes());
            }
        });
    }

    /** The departments' figures of cases, a row per department and kind, then its row for all kinds (类型 全部). */
    static byte[] writeDepartments(Assessments.Assessment assessment) {
        return csv(DEPARTMENT_HEADER, csv -> {
            for (DepartmentFigures row : assessment.departments()) {
                csv.printRecord(assessment.month().toString(), text(row.department()), text(row.name()),
                        row.kind() == null ? "全部" : row.kind().chinese(), row.due(), row.onTime(),
                        number(row.onTimePercent()), row.handedOff(), row.returned(), number(row.returnedPercent()),
                        row.closed(), row.reopened(), number(row.reopenedPercent()),
                        number(row.averageHoursToClose()));
            }
        });
    }

    /** 回访满意率: a row per department (of the cases), then per agent. */
    static byte[] writeReturnVisits(Assessments.Assessment assessment) {
        return csv(RETURN_VISIT_HEADER, csv -> {
            for (ReturnVisitFigures.Rate row : assessment.returnVisits()) {
                csv.printRecord(assessment.month().toString(), row.scope().equals("AGENT") ? "坐席" : "承办单位",
                        text(row.key()), row.answered(), row.satisfied(), row.basicallySatisfied(), row.dissatisfied(),
                        number(row.percent()));
            }
        });
    }

    private interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private static byte[] csv(List<String> header, Rows rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setHeader(header.toArray(String[]::new))
                     .get())) {
            rows.print(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** A text cell Excel must not take for a formula: one starting with = + - @ gets a leading apostrophe. */
    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
