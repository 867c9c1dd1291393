package org.hotline12333.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers as a Mandarin speaker reads them, written back as characters to compare. */
class MandarinReadingTest {

    private static final Map<String, String> CHARACTERS = Map.ofEntries(
            Map.entry("num-0", "零"), Map.entry("num-1", "一"), Map.entry("num-2", "二"), Map.entry("num-3", "三"),
            Map.entry("num-4", "四"), Map.entry("num-5", "五"), Map.entry("num-6", "六"), Map.entry("num-7", "七"),
            Map.entry("num-8", "八"), Map.entry("num-9", "九"), Map.entry("num-yao", "幺"), Map.entry("num-10", "十"),
            Map.entry("num-100", "百"), Map.entry("num-1000", "千"), Map.entry("num-10000", "万"),
            Map.entry("num-100000000", "亿"), Map.entry("minus", "负"), Map.entry("yuan", "元"),
            Map.entry("jiao", "角"), Map.entry("fen", "分"), Map.entry("zheng", "整"), Map.entry("year", "年"),
            Map.entry("month", "月"), Map.entry("day", "日"));

    @Test
    void numbers() {
        assertThat(read(MandarinReading.number(0))).isEqualTo("零");
        assertThat(read(MandarinReading.number(7))).isEqualTo("七");
        assertThat(read(MandarinReading.number(10))).isEqualTo("十");
        assertThat(read(MandarinReading.number(12))).isEqualTo("十二");
        assertThat(read(MandarinReading.number(20))).isEqualTo("二十");
        assertThat(read(MandarinReading.number(110))).isEqualTo("一百一十");
        assertThat(read(MandarinReading.number(156))).isEqualTo("一百五十六");
        assertThat(read(MandarinReading.number(1005))).isEqualTo("一千零五");
        assertThat(read(MandarinReading.number(1203))).isEqualTo("一千二百零三");
        assertThat(read(MandarinReading.number(10005))).isEqualTo("一万零五");
        assertThat(read(MandarinReading.number(100005))).isEqualTo("十万零五");
        assertThat(read(MandarinReading.number(123456))).isEqualTo("十二万三千四百五十六");
        assertThat(read(MandarinReading.number(100000000))).isEqualTo("一亿");
        assertThat(read(MandarinReading.number(100000005))).isEqualTo("一亿零五");
        assertThat(read(MandarinReading.number(-3))).isEqualTo("负三");
    }

    @Test
    void money() {
        assertThat(read(MandarinReading.money(new BigDecimal("1268.40")))).isEqualTo("一千二百六十八元四角");
        assertThat(read(MandarinReading.money(new BigDecimal("3520.75")))).isEqualTo("三千五百二十元七角五分");
        assertThat(read(MandarinReading.money(new BigDecimal("10.05")))).isEqualTo("十元零五分");
        assertThat(read(MandarinReading.money(new BigDecimal("2105.00")))).isEqualTo("二千一百零五元整");
        assertThat(read(MandarinReading.money(new BigDecimal("0.05")))).isEqualTo("五分");
        assertThat(read(MandarinReading.money(new BigDecimal("0")))).isEqualTo("零元整");
    }

    @Test
    void datesAndDigits() {
        assertThat(read(MandarinReading.date(LocalDate.of(2026, 10, 15)))).isEqualTo("二零二六年十月十五日");
        assertThat(read(MandarinReading.digits("13800138000"))).isEqualTo("幺三八零零幺三八零零零");
    }

    private static String read(List<String> prompts) {
        StringBuilder text = new StringBuilder();
        prompts.forEach(p -> text.append(CHARACTERS.get(p)));
        return text.toString();
    }
}
