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

/**
 * The monthly assessment as CSV for the pay office (考评结果与薪资挂钩): UTF-8 with a byte order mark so that Excel
 * reads the Chinese headers and names right, comma-separated, CRLF line ends, one header row, then one row per agent
 * by work number. Numbers are plain (no thousands separators, '.' as the decimal point); a figure that does not
 * exist (no surveys, no scored call) is an empty cell. docs/quality.md defines each column.
 */
final class AssessmentCsv {

    static final List<String> HEADER = List.of("月份", "工号", "姓名", "接听量", "计时通话数", "平均处理时长(秒)",
            "评价数", "满意", "基本满意", "不满意", "满意率(%)", "质检数", "平均质检分", "一票否决数");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private AssessmentCsv() {
    }

    static byte[] write(Assessments.Assessment assessment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setHeader(HEADER.toArray(String[]::new))
                     .get())) {
            for (Assessments.Row row : assessment.rows()) {
                csv.printRecord(assessment.month().toString(), text(row.agent()), text(row.name()), row.callsHandled(),
                        row.handleTimeCalls(), number(row.averageHandleSeconds()), row.surveys(), row.satisfied(),
                        row.basicallySatisfied(), row.dissatisfied(), number(row.satisfactionPercent()),
                        row.scoredCalls(), number(row.averageScore()), row.vetoes());
            }
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
