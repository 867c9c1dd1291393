package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.SoftAssertions;

/** The figures of {@link ScriptedDay}, as worked out by hand there, checked against what the service computed. */
final class HandComputed {

    /** One line of figures worked out by hand; the connection rate is {@code connected / decided}. */
    private record Expected(long offered, long answered, long abandoned, long shortAbandoned, long callbacks,
                            long notServed, long waiting, long within, double serviceLevel, double asa, double aht,
                            long satisfied, long basically, long dissatisfied, long decided, long connected) {
    }

    //                                            offered ans aband short cb  ns  wait in15 SL      ASA   AHT    满意 基本 不满 decided connected
    private static final Expected PENSION = new Expected(8, 5, 2, 1, 1, 0, 0, 3, 3.0 / 7, 17.2, 154.0, 2, 1, 1, 7, 5);
    private static final Expected MEDICAL = new Expected(4, 2, 0, 0, 0, 1, 1, 1, 1.0 / 3, 12.5, 230.0, 1, 0, 0, 3, 2);
    private static final Expected OVERALL = new Expected(12, 7, 2, 1, 1, 1, 1, 4, 0.4, 15.9, 166.7, 3, 1, 1, 10, 7);

    private HandComputed() {
    }

    static void dayFigures(Figures figures) {
        assertThat(figures.date()).isEqualTo(ScriptedDay.DAY);
        assertThat(figures.serviceLevelSeconds()).isEqualTo(15);
        assertThat(figures.shortAbandonSeconds()).isEqualTo(5);
        assertThat(figures.overall().group()).isNull();
        SoftAssertions soft = new SoftAssertions();
        check(soft, "pension", group(figures, ScriptedDay.PENSION), PENSION);
        check(soft, "medical", group(figures, ScriptedDay.MEDICAL), MEDICAL);
        check(soft, "overall", figures.overall(), OVERALL);
        soft.assertThat(figures.overall().connection().meetsTarget()).isFalse();
        occupancy(soft, "9171", agent(figures, "9171"), 7200, 210);
        occupancy(soft, "9172", agent(figures, "9172"), 39600, 1920);
        occupancy(soft, "9173", agent(figures, "9173"), 86400, 0);
        occupancy(soft, "pension", group(figures, ScriptedDay.PENSION).occupancy(), 46800, 2130);
        occupancy(soft, "medical", group(figures, ScriptedDay.MEDICAL).occupancy(), 126000, 1920);
        occupancy(soft, "overall", figures.overall().occupancy(), 133200, 2130);
        soft.assertAll();
    }

    /** The 24 hours up to noon of the day: the day before's abandoned caller counts, the evening's caller not yet. */
    static void noonWindow(Figures figures) {
        assertThat(figures.connectionWindowTo()).isEqualTo(ScriptedDay.at(ScriptedDay.DAY, "12:00:00"));
        SoftAssertions soft = new SoftAssertions();
        connection(soft, "pension", group(figures, ScriptedDay.PENSION).connection(), 7, 4);
        connection(soft, "overall", figures.overall().connection(), 10, 6);
        occupancy(soft, "9171 by noon", agent(figures, "9171"), 7200, 210);
        occupancy(soft, "9172 by noon", agent(figures, "9172"), 3600, 660);
        occupancy(soft, "9173 by noon", agent(figures, "9173"), 43200, 0);
        occupancy(soft, "pension by noon", group(figures, ScriptedDay.PENSION).occupancy(), 10800, 870);
        occupancy(soft, "medical by noon", group(figures, ScriptedDay.MEDICAL).occupancy(), 46800, 660);
        occupancy(soft, "overall by noon", figures.overall().occupancy(), 54000, 870);
        soft.assertAll();
    }

    static Figures.Occupancy agent(Figures figures, String workNumber) {
        return figures.agents().stream().filter(a -> workNumber.equals(a.workNumber())).findFirst()
                .map(Figures.AgentOccupancy::occupancy)
                .orElseThrow(() -> new AssertionError("no occupancy of agent " + workNumber + " in " + figures.agents()));
    }

    private static void occupancy(SoftAssertions soft, String what, Figures.Occupancy o, long staffed, long busy) {
        soft.assertThat(o.staffedSeconds()).as(what + " staffed").isEqualTo(staffed);
        soft.assertThat(o.busySeconds()).as(what + " busy").isEqualTo(busy);
        soft.assertThat(o.rate()).as(what + " occupancy").isCloseTo((double) busy / staffed, within(1e-9));
    }

    static Figures.GroupFigures group(Figures figures, String code) {
        return figures.groups().stream().filter(g -> code.equals(g.group())).findFirst()
                .orElseThrow(() -> new AssertionError("no figures for group " + code + " in " + figures.groups()));
    }

    private static void check(SoftAssertions soft, String what, Figures.GroupFigures f, Expected e) {
        soft.assertThat(f.offered()).as(what + " offered").isEqualTo(e.offered());
        soft.assertThat(f.answered()).as(what + " answered").isEqualTo(e.answered());
        soft.assertThat(f.abandoned()).as(what + " abandoned").isEqualTo(e.abandoned());
        soft.assertThat(f.shortAbandoned()).as(what + " short abandoned").isEqualTo(e.shortAbandoned());
        soft.assertThat(f.callbackRequested()).as(what + " callbacks").isEqualTo(e.callbacks());
        soft.assertThat(f.notServed()).as(what + " not served").isEqualTo(e.notServed());
        soft.assertThat(f.waiting()).as(what + " waiting").isEqualTo(e.waiting());
        soft.assertThat(f.answeredWithinThreshold()).as(what + " within 15 s").isEqualTo(e.within());
        soft.assertThat(f.serviceLevel()).as(what + " service level").isCloseTo(e.serviceLevel(), within(1e-9));
        soft.assertThat(f.asaSeconds()).as(what + " ASA").isEqualTo(e.asa());
        soft.assertThat(f.ahtSeconds()).as(what + " AHT").isEqualTo(e.aht());
        long surveyed = e.satisfied() + e.basically() + e.dissatisfied();
        soft.assertThat(f.surveyed()).as(what + " surveyed").isEqualTo(surveyed);
        soft.assertThat(f.satisfied()).as(what + " 满意").isEqualTo(e.satisfied());
        soft.assertThat(f.basicallySatisfied()).as(what + " 基本满意").isEqualTo(e.basically());
        soft.assertThat(f.dissatisfied()).as(what + " 不满意").isEqualTo(e.dissatisfied());
        soft.assertThat(f.satisfactionRate()).as(what + " satisfaction")
                .isCloseTo((double) (e.satisfied() + e.basically()) / surveyed, within(1e-9));
        connection(soft, what, f.connection(), e.decided(), e.connected());
    }

    private static void connection(SoftAssertions soft, String what, Figures.ConnectionRate rate, long offered,
                                   long connected) {
        soft.assertThat(rate.offered()).as(what + " offered in the 24 hours").isEqualTo(offered);
        soft.assertThat(rate.connected()).as(what + " connected in the 24 hours").isEqualTo(connected);
        soft.assertThat(rate.rate()).as(what + " connection rate").isCloseTo((double) connected / offered, within(1e-9));
    }
}
