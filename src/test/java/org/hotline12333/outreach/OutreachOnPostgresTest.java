package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline12333.outreach.OutreachFixture.created;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Outreach on a real PostgreSQL with two service instances (the test kit's shared pair), as in production: both
 * bound to the gateway, every
 * message sent once whichever instance claims it, every query of the outbox, the stop list and the return visits,
 * and a return visit called once when both instances run the campaign at the same moment.
 */
class OutreachOnPostgresTest {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        PostgresInstance.Pair pair = PostgresInstance.shared();
        first = pair.first();
        second = pair.second();
    }

    @AfterEach
    void realTime() {
        first.getBean(TestClock.class).reset();
        second.getBean(TestClock.class).reset();
    }

    @Test
    void twoInstancesSendEachMessageOnceAndShareTheOutbox() {
        OutreachFixture a = new OutreachFixture(first);
        OutreachFixture b = new OutreachFixture(second);
        b.clock.set(a.clock.instant());
        List<String> numbers = new ArrayList<>();
        List<CompletableFuture<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String number = OutreachFixture.mobile();
            numbers.add(number);
            Outbox via = (i % 2 == 0 ? first : second).getBean(Outbox.class);
            String text = "【12333】两个实例第" + i + "条。";
            queued.add(CompletableFuture.supplyAsync(() -> via.queue(new OutboxStore.NewMessage(
                    SmsPurpose.DOCUMENT_LIST, number, text, null, null, null, null, "test"))));
        }
        List<Long> ids = queued.stream().map(CompletableFuture::join).toList();

        ids.forEach(id -> a.awaitState(id, "DELIVERED"));
        numbers.forEach(n -> assertThat(a.smsc.submitsTo(n)).as(n).hasSize(1));
        JsonNode listed = b.supervisor().get("/api/outreach/messages?state=DELIVERED&number=" + numbers.get(3)
                + "&from=2020-01-01T00:00:00Z&to=2040-01-01T00:00:00Z").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("segments").get(0).path("receipt").asString()).isEqualTo("DELIVRD");
        assertThat(b.supervisor().get("/api/outreach/contacts?number=" + numbers.get(0)).json()).isNotEmpty();

        a.smsc.deliver(numbers.get(5), "10690012333", "退订");
        await().atMost(Duration.ofSeconds(20)).until(() -> b.supervisor().get("/api/outreach/stop-list").json()
                .toString().contains(numbers.get(5).substring(7)));
        assertThat(b.supervisor().get("/api/outreach/replies").json().get(0).path("kind").asString())
                .isEqualTo("STOP");
        assertThat(b.supervisor().get("/api/outreach/gateway").json().path("bound").asBoolean()).isTrue();
    }

    @Test
    void aReturnVisitIsCalledOnceWhenBothInstancesRunTheCampaignAtOnce() throws Exception {
        OutreachFixture a = new OutreachFixture(first);
        OutreachFixture b = new OutreachFixture(second);
        Instant morning = Instant.parse("2026-12-01T01:00:00Z"); // 09:00 in Beijing
        a.clock.set(morning);
        b.clock.set(morning);
        TestAgent agent = a.agent();
        String caller = OutreachFixture.mobile();
        String callId = a.answeredCall(agent.workNumber(), caller);
        String number = created(agent.http(a.port).post("/api/cases", "{\"callId\":\"" + callId + "\",\"kind\":"
                + "\"ENQUIRY\",\"classification\":\"110104\",\"summary\":\"计发\",\"answer\":\"已答复\","
                + "\"result\":\"EXPLAINED\"}")).path("number").asString();
        a.clock.set(morning.plus(Duration.ofHours(1)));
        b.clock.set(morning.plus(Duration.ofHours(1)));
        AmiStandIn ami = StandInAsterisk.ami();

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> first.getBean(ReturnVisitCampaign.class).run());
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> second.getBean(ReturnVisitCampaign.class).run());
        one.join();
        other.join();
        first.getBean(Scheduler.class).triggerJob(ReturnVisitSchedule.CAMPAIGN);
        second.getBean(Scheduler.class).triggerJob(ReturnVisitSchedule.CAMPAIGN);

        JsonNode visit = await().atMost(Duration.ofSeconds(20)).until(() -> b.supervisor()
                .get("/api/outreach/return-visits?case=" + number).json().get(0), v -> v.path("attempts").asInt() == 1);
        List<Map<String, String>> calls = ami.actions("Originate").stream()
                .filter(o -> ("Local/" + caller + "@hotline-outbound").equals(o.get("Channel"))).toList();
        assertThat(calls).hasSize(1);
        assertThat(visit.path("state").asString()).isEqualTo("DIALLING");
        assertThat(second.getBean(ReturnVisitFigures.class).today(morning, ZoneId.of("Asia/Shanghai")).called())
                .isGreaterThanOrEqualTo(1);
    }
}
