package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The daily sample as configured (5% of each agent's calls of the day, rounded up, at least 2), drawn with a seed so
 * the draw is exact, plus the calls that enter the queue by themselves: a 不满意 survey and a complaint.
 */
@HotlineTest
class SamplingTest {

    static final LocalDate DAY = LocalDate.of(2024, 3, 5);
    static final long SEED = 42;

    @Autowired
    ApplicationContext service;
    @Autowired
    QualityProperties properties;

    @Test
    void eachAgentsShareOfTheDayIsDrawnAtRandomAndFlaggedCallsAreQueuedAnyway() throws Exception {
        QualityFixture fixture = new QualityFixture(service);
        Http supervisor = fixture.admin();
        ZoneId zone = properties.zone();
        Instant morning = DAY.atTime(8, 0).atZone(zone).toInstant();
        // agent → their calls of the day, in the order they were answered
        Map<String, List<String>> day = new TreeMap<>();
        String seven = QualityFixture.workNumber();
        String one = QualityFixture.workNumber();
        String fortyFive = QualityFixture.workNumber();
        String complained = QualityFixture.workNumber();
        String dissatisfied = null;
        for (int i = 0; i < 7; i++) {
            String call = fixture.answered(seven, morning.plusSeconds(600L * i), Duration.ofSeconds(90), null,
                    i == 3 ? Satisfaction.DISSATISFIED : Satisfaction.SATISFIED);
            day.computeIfAbsent(seven, a -> new ArrayList<>()).add(call);
            dissatisfied = i == 3 ? call : dissatisfied;
        }
        day.put(one, List.of(fixture.answered(one, morning, Duration.ofSeconds(90), null, null)));
        for (int i = 0; i < 45; i++) {
            day.computeIfAbsent(fortyFive, a -> new ArrayList<>())
                    .add(fixture.answered(fortyFive, morning.plusSeconds(60L * i), Duration.ofSeconds(50), null, null));
        }
        RecordingView recorded = fixture.recorded(complained, morning.plusSeconds(7200));
        day.put(complained, List.of(recorded.callId()));
        // the days before and after do not count
        fixture.answered(seven, DAY.atStartOfDay(zone).toInstant().minusSeconds(1), Duration.ofSeconds(30), null, null);
        String nextDay = fixture.answered(seven, DAY.plusDays(1).atStartOfDay(zone).toInstant(), Duration.ofSeconds(30),
                null, null);

        assertThat(reasons(supervisor, seven)).containsExactly(Map.entry(dissatisfied, List.of("DISSATISFIED")));
        assertThat(supervisor.put("/api/recordings/" + recorded.id() + "/complaint",
                "{\"on\":true,\"reason\":\"caller complained, 12345 hotline ticket 2024-117\"}").status()).isEqualTo(200);
        assertThat(reasons(supervisor, complained)).containsExactly(Map.entry(recorded.callId(), List.of("COMPLAINT")));

        Http.Response drawn = supervisor.post("/api/quality/sampling/" + DAY + "?seed=" + SEED, "");

        assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
        JsonNode run = drawn.json();
        // 7 calls: 5% is 1 (rounded up), the minimum 2; 1 call: all of it; 45 calls: 5% is 2.25, so 3; 1 call: 1
        assertThat(run.path("agents").asInt()).isEqualTo(4);
        assertThat(run.path("calls").asInt()).isEqualTo(54);
        assertThat(run.path("sampled").asInt()).isEqualTo(2 + 1 + 3 + 1);
        assertThat(run.path("seed").asLong()).isEqualTo(SEED);
        Map<String, Set<String>> expected = drawnWith(SEED, day, Map.of(seven, 2, one, 1, fortyFive, 3, complained, 1));
        for (String agent : day.keySet()) {
            assertThat(sampled(supervisor, agent)).as("sample of agent " + agent).isEqualTo(expected.get(agent));
        }
        assertThat(reasons(supervisor, seven).get(dissatisfied)).contains("DISSATISFIED");
        assertThat(reasons(supervisor, complained).get(recorded.callId())).containsExactly("SAMPLE", "COMPLAINT");
        assertThat(reasons(supervisor, seven)).doesNotContainKey(nextDay);
        // complaints come first in the queue
        assertThat(supervisor.get("/api/quality/queue?limit=1000").json().get(0).path("reasons").toString())
                .contains("COMPLAINT");

        assertThat(supervisor.post("/api/quality/sampling/" + LocalDate.now(properties.zone()).plusDays(1), "")
                .status()).isEqualTo(409);
        Http.Response again = supervisor.post("/api/quality/sampling/" + DAY + "?seed=7", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("seed").asLong()).isEqualTo(SEED);
        assertThat(sampled(supervisor, fortyFive)).isEqualTo(expected.get(fortyFive));
    }

    @Test
    void quartzDrawsThePreviousDayWithAFreshSeed() throws Exception {
        QualityFixture fixture = new QualityFixture(service);
        Http supervisor = fixture.admin();
        LocalDate day = LocalDate.of(2024, 4, 9);
        String agent = QualityFixture.workNumber();
        String call = fixture.answered(agent, day.atTime(10, 0).atZone(properties.zone()).toInstant(),
                Duration.ofSeconds(60), null, null);
        assertThat(supervisor.get("/api/quality/sampling/" + day).status()).isEqualTo(404);

        fixture.runJob("daily_sample", day.plusDays(1).atTime(0, 15).atZone(properties.zone()).toInstant(),
                "/api/quality/sampling/" + day);

        JsonNode run = supervisor.get("/api/quality/sampling/" + day).json();
        assertThat(run.path("drawnBy").asString()).isEqualTo("schedule");
        assertThat(run.path("sampled").asInt()).isEqualTo(1);
        assertThat(sampled(supervisor, agent)).containsExactly(call);
    }

    /** The documented draw: agents in work-number order, one Random(seed), each agent's calls shuffled, the first n. */
    private static Map<String, Set<String>> drawnWith(long seed, Map<String, List<String>> day,
                                                      Map<String, Integer> sizes) {
        Random random = new Random(seed);
        Map<String, Set<String>> drawn = new TreeMap<>();
        for (Map.Entry<String, List<String>> agent : day.entrySet()) {
            List<String> calls = new ArrayList<>(agent.getValue());
            Collections.shuffle(calls, random);
            drawn.put(agent.getKey(), new HashSet<>(calls.subList(0, sizes.get(agent.getKey()))));
        }
        return drawn;
    }

    private static Map<String, List<String>> reasons(Http supervisor, String agent) {
        Map<String, List<String>> reasons = new TreeMap<>();
        for (JsonNode entry : supervisor.get("/api/quality/queue?limit=1000&agent=" + agent).json()) {
            List<String> why = new ArrayList<>();
            entry.path("reasons").forEach(reason -> why.add(reason.asString()));
            reasons.put(entry.path("callId").asString(), why);
        }
        return reasons;
    }

    private static Set<String> sampled(Http supervisor, String agent) {
        Set<String> sampled = new HashSet<>();
        reasons(supervisor, agent).forEach((call, why) -> {
            if (why.contains("SAMPLE")) {
                sampled.add(call);
            }
        });
        return sampled;
    }
}
