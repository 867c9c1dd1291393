package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.SoftAssertions;

/** The figures of {@link ScriptedDay}, as worked out by hand there, checked against what the service computed. */
final class HandComputed {

    private HandComputed() {
    }

    static void dayFigures(Figures figures) {
        assertThat(figures.date()).isEqualTo(ScriptedDay.DAY);
        assertThat(figures.serviceLevelSeconds()).isEqualTo(15);
        assertThat(figures.shortAbandonSeconds()).isEqualTo(5);
        Figures.GroupFigures pension = group(figures, ScriptedDay.PENSION);
        Figures.GroupFigures medical = group(figures, ScriptedDay.MEDICAL);
        SoftAssertions soft = new SoftAssertions();
        counts(soft, pension, 8, 5, 2, 1, 1, 0, 0, 3);
        soft.assertThat(pension.serviceLevel()).isCloseTo(3.0 / 7, within(1e-9));
        soft.assertThat(pension.asaSeconds()).isEqualTo(17.2);
        soft.assertThat(pension.ahtSeconds()).isEqualTo(154.0);
        surveys(soft, pension, 4, 2, 1, 1, 0.75);
        connection(soft, pension.connection(), 7, 5);

        counts(soft, medical, 4, 2, 0, 0, 0, 1, 1, 1);
        soft.assertThat(medical.serviceLevel()).isCloseTo(1.0 / 3, within(1e-9));
        soft.assertThat(medical.asaSeconds()).isEqualTo(12.5);
        soft.assertThat(medical.ahtSeconds()).isEqualTo(230.0);
        surveys(soft, medical, 1, 1, 0, 0, 1.0);
        connection(soft, medical.connection(), 3, 2);

        Figures.GroupFigures overall = figures.overall();
        soft.assertThat(overall.group()).isNull();
        counts(soft, overall, 12, 7, 2, 1, 1, 1, 1, 4);
        soft.assertThat(overall.serviceLevel()).isCloseTo(0.4, within(1e-9));
        soft.assertThat(overall.asaSeconds()).isEqualTo(15.9);
        soft.assertThat(overall.ahtSeconds()).isEqualTo(166.7);
        surveys(soft, overall, 5, 3, 1, 1, 0.8);
        connection(soft, overall.connection(), 10, 7);
        soft.assertThat(overall.connection().meetsTarget()).isFalse();
        soft.assertAll();
    }

    /** The 24 hours up to noon of the day: the day before's abandoned caller counts, the evening's caller not yet. */
    static void noonWindow(Figures figures) {
        assertThat(figures.connectionWindowTo()).isEqualTo(ScriptedDay.at(ScriptedDay.DAY, "12:00:00"));
        SoftAssertions soft = new SoftAssertions();
        connection(soft, group(figures, ScriptedDay.PENSION).connection(), 7, 4);
        connection(soft, figures.overall().connection(), 10, 6);
        soft.assertAll();
    }

    static Figures.GroupFigures group(Figures figures, String code) {
        return figures.groups().stream().filter(g -> code.equals(g.group())).findFirst()
                .orElseThrow(() -> new AssertionError("no figures for group " + code + " in " + figures.groups()));
    }

    private static void counts(SoftAssertions soft, Figures.GroupFigures f, long offered, long answered,
                               long abandoned, long shortAbandoned, long callbacks, long notServed, long waiting,
                               long within) {
        String what = f.group() == null ? "overall" : f.group();
        soft.assertThat(f.offered()).as(what + " offered").isEqualTo(offered);
        soft.assertThat(f.answered()).as(what + " answered").isEqualTo(answered);
        soft.assertThat(f.abandoned()).as(what + " abandoned").isEqualTo(abandoned);
        soft.assertThat(f.shortAbandoned()).as(what + " short abandoned").isEqualTo(shortAbandoned);
        soft.assertThat(f.callbackRequested()).as(what + " callbacks").isEqualTo(callbacks);
        soft.assertThat(f.notServed()).as(what + " not served").isEqualTo(notServed);
        soft.assertThat(f.waiting()).as(what + " waiting").isEqualTo(waiting);
        soft.assertThat(f.answeredWithinThreshold()).as(what + " within 15 s").isEqualTo(within);
    }

    private static void surveys(SoftAssertions soft, Figures.GroupFigures f, long surveyed, long satisfied,
                                long basically, long dissatisfied, double rate) {
        soft.assertThat(f.surveyed()).isEqualTo(surveyed);
        soft.assertThat(f.satisfied()).isEqualTo(satisfied);
        soft.assertThat(f.basicallySatisfied()).isEqualTo(basically);
        soft.assertThat(f.dissatisfied()).isEqualTo(dissatisfied);
        soft.assertThat(f.satisfactionRate()).isCloseTo(rate, within(1e-9));
    }

    private static void connection(SoftAssertions soft, Figures.ConnectionRate rate, long offered, long connected) {
        soft.assertThat(rate.offered()).isEqualTo(offered);
        soft.assertThat(rate.connected()).isEqualTo(connected);
        soft.assertThat(rate.rate()).isCloseTo((double) connected / offered, within(1e-9));
    }
}
