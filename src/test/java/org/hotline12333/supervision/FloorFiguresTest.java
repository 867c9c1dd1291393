package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor's figures from a scripted day of calls (see {@link ScriptedDay}), against the numbers worked out by
 * hand, through the running service and its database.
 */
@HotlineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloorFiguresTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    @Autowired
    FigureQueries figures;
    @Autowired
    CallRecords records;

    List<String> day;

    @BeforeAll
    void aDayOfCalls() {
        day = ScriptedDay.insert(db);
    }

    @Test
    void theApiGivesTheDaysFiguresAsWorkedOutByHand() {
        Http supervisor = Supervisors.create(port, "figures.lead");

        Http.Response response = supervisor.get("/api/supervision/figures?date=2024-09-17");

        assertThat(response.status()).isEqualTo(200);
        HandComputed.dayFigures(JsonMapper.builder().build().readValue(response.body(), Figures.class));
    }

    @Test
    void theConnectionRateCountsTheTwentyFourHoursBeforeNow() {
        HandComputed.noonWindow(figures.of(ScriptedDay.DAY, ScriptedDay.at(ScriptedDay.DAY, "12:00:00")));
    }

    /** The SQL counts what routing's own definitions on the call record say, call by call. */
    @Test
    void theFiguresAgreeWithTheCallRecordsOwnDefinitions() {
        List<CallSummary.Routing> calls = day.stream().map(id -> records.find(id).orElseThrow().routing()).toList();
        List<CallSummary.Routing> answered = calls.stream().filter(r -> r.connectedAt() != null).toList();
        long within = calls.stream().filter(r -> r.answeredWithin(Duration.ofSeconds(15))).count();
        double asa = answered.stream().mapToLong(r -> r.waitTime().toSeconds()).average().orElseThrow();
        double aht = answered.stream().map(CallSummary.Routing::handleTime).filter(Objects::nonNull)
                .mapToLong(Duration::toSeconds).average().orElseThrow();
        List<Satisfaction> surveys = day.stream().map(id -> records.find(id).orElseThrow().satisfaction())
                .filter(Objects::nonNull).toList();

        Figures.GroupFigures overall = figures.of(ScriptedDay.DAY, ScriptedDay.at(ScriptedDay.DAY.plusDays(2), "00:00:00"))
                .overall();

        assertThat(overall.offered()).isEqualTo(calls.size());
        assertThat(overall.answered()).isEqualTo(answered.size());
        assertThat(overall.answeredWithinThreshold()).isEqualTo(within);
        assertThat(overall.asaSeconds()).isEqualTo(Math.round(asa * 10) / 10.0);
        assertThat(overall.ahtSeconds()).isEqualTo(Math.round(aht * 10) / 10.0);
        assertThat(overall.surveyed()).isEqualTo(surveys.size());
        assertThat(overall.satisfied() + overall.basicallySatisfied())
                .isEqualTo(surveys.stream().filter(s -> s != Satisfaction.DISSATISFIED).count());
    }

    @Test
    void agentsMayNotSeeTheFigures() {
        Http agent = Supervisors.user(port, "figures.agent", "AGENT");

        assertThat(agent.get("/api/supervision/figures?date=2024-09-17").status()).isEqualTo(403);
        assertThat(agent.get("/api/supervision/floor").status()).isEqualTo(403);
    }
}
