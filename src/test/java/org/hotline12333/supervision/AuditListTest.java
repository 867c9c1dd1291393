package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The audit list of supervisor actions ({@code GET /api/supervision/actions}): every action with who, when (the
 * service's clock), which agent, why and what came of it, newest first, over the last 7 days unless asked otherwise,
 * narrowed by who, what and when; for supervisors and administrators, never for agents.
 */
@HotlineTest
class AuditListTest {

    /** A day no other test touches (the actions write the agent's state history). */
    private static final Instant MORNING = ZonedDateTime.of(2031, 5, 12, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
            .toInstant();

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void supervisorsAndAdministratorsReadEveryActionNarrowedByWhoWhatAndWhen() {
        String group = FloorAgents.group(port, "audit", "审计");
        String agent = FloorAgents.agent(port, group);
        Http first = Supervisors.create(port, "audit.first");
        Http second = Supervisors.create(port, "audit.second");
        clock.set(MORNING);
        act(first.post(ForcedStateTest.path(agent), "{\"state\":\"READY\",\"reason\":\"start of shift\"}"));
        clock.set(MORNING.plus(Duration.ofHours(1)));
        act(second.post(ForcedStateTest.path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"MEETING\","
                + "\"reason\":\"briefing\"}"));
        clock.set(MORNING.plus(Duration.ofHours(2)));
        long move = act(first.post(SkillMoveTest.path(agent), "{\"skills\":{\"" + group + "\":7},\"until\":\"UNDONE\","
                + "\"reason\":\"busy morning\"}")).path("move").path("id").asLong();
        clock.set(MORNING.plus(Duration.ofHours(3)));
        act(second.post("/api/supervision/skill-moves/" + move + "/undo", "{\"reason\":\"calm again\"}"));
        Instant weekLater = MORNING.plus(Duration.ofDays(8));
        clock.set(weekLater);
        act(second.post(ForcedStateTest.path(agent), "{\"state\":\"READY\",\"reason\":\"new week\"}"));
        String everything = "agent=" + agent + "&from=" + MORNING.minusSeconds(60) + "&to=" + weekLater;

        assertThat(reasons(first, "agent=" + agent)).as("the last 7 days by default").containsExactly("new week");
        JsonNode all = first.get("/api/supervision/actions?" + everything).json();
        assertThat(all.valueStream().map(a -> a.path("reason").asString()).toList())
                .containsExactly("new week", "calm again", "busy morning", "briefing", "start of shift");
        JsonNode briefing = all.get(3);
        assertThat(briefing.path("kind").asString()).isEqualTo("FORCE_STATE");
        assertThat(briefing.path("actor").asString()).isEqualTo("audit.second");
        assertThat(briefing.path("agent").asString()).isEqualTo(agent);
        assertThat(Instant.parse(briefing.path("at").asString())).isEqualTo(MORNING.plus(Duration.ofHours(1)));
        assertThat(briefing.path("detail").asString()).isEqualTo("PAUSED (MEETING)");
        assertThat(briefing.path("outcome").asString()).isEqualTo("DONE");
        assertThat(all.get(1).path("kind").asString()).isEqualTo("SKILL_MOVE_UNDONE");
        assertThat(reasons(first, everything + "&actor=audit.first")).containsExactly("busy morning", "start of shift");
        assertThat(reasons(first, everything + "&kind=SKILL_MOVE")).containsExactly("busy morning");
        assertThat(reasons(first, "agent=" + agent + "&from=" + MORNING.plus(Duration.ofMinutes(30)) + "&to="
                + MORNING.plus(Duration.ofMinutes(90)))).containsExactly("briefing");
        assertThat(reasons(first, everything + "&limit=2")).containsExactly("new week", "calm again");
        Http admin = Http.on(port).as("admin", "test-admin-password");
        assertThat(reasons(admin, everything)).hasSize(5);

        assertThat(FloorAgents.desk(port, agent).get("/api/supervision/actions").status()).isEqualTo(403);
        assertThat(ForcedStateTest.detail(first.get("/api/supervision/actions?limit=0"), 400))
                .isEqualTo("limit must be between 1 and 1000");
        assertThat(first.get("/api/supervision/actions?kind=COFFEE").status()).isEqualTo(400);
        assertThat(first.get("/api/supervision/actions?from=yesterday").status()).isEqualTo(400);
    }

    private static JsonNode act(Http.Response response) {
        FloorAgents.require(response);
        return response.json();
    }

    private static List<String> reasons(Http reader, String query) {
        Http.Response list = reader.get("/api/supervision/actions?" + query);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().valueStream().map(a -> a.path("reason").asString()).toList();
    }
}
