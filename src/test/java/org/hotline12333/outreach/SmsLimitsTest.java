package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline12333.outreach.OutreachFixture.created;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.privacy.Mask;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * When a message may go, on the service's clock: not in quiet hours (21:00–08:00 in Beijing), at most 20 segments a
 * second over the link, at most 5 messages to one number a day; and never to a number whose owner replied 退订.
 * A citizen's other replies go into the case the message was about.
 */
@HotlineTest
class SmsLimitsTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    Outbox outbox;
    OutreachFixture fixture;

    @BeforeEach
    void gatewayAndMorning() {
        fixture = new OutreachFixture(service);
    }

    @AfterEach
    void realTime() {
        fixture.clock.reset();
    }

    @Test
    void aMessageAskedForAtNightWaitsForTheMorning() {
        Instant night = Instant.parse("2026-12-02T14:30:00Z"); // 22:30 in Beijing
        fixture.clock.set(night);
        String number = OutreachFixture.mobile();
        long id = queue(number, "【12333】夜间提交的短信。");

        JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> message(id),
                m -> "QUIET_HOURS".equals(m.path("waitingFor").asString()));
        assertThat(waiting.path("nextAttemptAt").asString()).isEqualTo("2026-12-03T00:00:00Z"); // 08:00 in Beijing
        fixture.clock.set(Instant.parse("2026-12-02T23:59:00Z"));
        fixture.clock.set(Instant.parse("2026-12-02T23:59:30Z"));
        assertThat(message(id).path("state").asString()).isEqualTo("QUEUED");
        assertThat(fixture.smsc.submitsTo(number)).isEmpty();

        fixture.clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        fixture.awaitState(id, "DELIVERED");
        assertThat(fixture.smsc.submitsTo(number)).hasSize(1);
    }

    @Test
    void theLinkTakesTwentySegmentsASecondAndTheRestWaitForTheNextSecond() {
        List<String> numbers = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            numbers.add(OutreachFixture.mobile());
            ids.add(queue(numbers.get(i), "【12333】第" + i + "条。"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().filter(id -> "RATE_LIMIT"
                .equals(message(id).path("waitingFor").asString())).count() == 5);
        assertThat(numbers.stream().filter(n -> !fixture.smsc.submitsTo(n).isEmpty()).count()).isEqualTo(20);

        fixture.clock.set(fixture.clock.instant().plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> numbers.stream()
                .allMatch(n -> fixture.smsc.submitsTo(n).size() == 1));
    }

    @Test
    void aNumberGetsAtMostFiveMessagesADayTheSixthWaits() {
        String number = OutreachFixture.mobile();
        Instant start = fixture.clock.instant();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(queue(number, "【12333】同一号码第" + (i + 1) + "条。"));
            fixture.awaitState(ids.get(i), i < 5 ? "DELIVERED" : "QUEUED");
            fixture.clock.set(fixture.clock.instant().plusSeconds(60));
        }

        JsonNode sixth = await().atMost(Duration.ofSeconds(20)).until(() -> message(ids.get(5)),
                m -> "RATE_LIMIT".equals(m.path("waitingFor").asString()));
        assertThat(sixth.path("nextAttemptAt").asString()).isEqualTo(start.plus(Duration.ofDays(1)).toString());
        assertThat(fixture.smsc.submitsTo(number)).hasSize(5);

        fixture.clock.set(start.plus(Duration.ofDays(1)));
        fixture.awaitState(ids.get(5), "DELIVERED");
        assertThat(fixture.smsc.submitsTo(number)).hasSize(6);
    }

    @Test
    void aCitizenWhoRepliesTdGetsNothingMoreAndOtherRepliesGoIntoTheirCase() {
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        fixture.answeredCall(agent.workNumber(), caller);
        Http desk = agent.http(fixture.port);
        String caseNumber = created(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"110103\","
                + "\"summary\":\"转移接续材料\"}")).path("number").asString();
        long first = created(desk.post("/api/outreach/document-list", "{\"article\":\"pension-transfer\"}"))
                .path("id").asLong();
        fixture.awaitState(first, "DELIVERED");

        fixture.smsc.deliver(caller, "10690012333", "收到，谢谢！下周一去办理。");
        await().atMost(Duration.ofSeconds(20)).until(() -> history(desk, caseNumber).contains("收到，谢谢！下周一去办理。"));
        fixture.clock.set(Instant.parse("2026-12-02T14:00:00Z")); // a night: the next message waits in the outbox
        long waiting = queue(caller, "【12333】夜里排队的短信。");
        fixture.smsc.deliver(caller, "10690012333", "TD");

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor().get("/api/outreach/stop-list").json()
                .findValuesAsString("number").contains(Mask.phone(caller)));
        Http.Response refused = desk.post("/api/outreach/document-list", "{\"article\":\"pension-transfer\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).startsWith("the citizen at " + Mask.phone(caller)
                + " replied 退订 (unsubscribe) on ");
        fixture.clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        JsonNode blocked = fixture.awaitState(waiting, "BLOCKED");
        assertThat(blocked.path("lastError").asString()).isEqualTo("the citizen replied 退订 before it was sent");
        assertThat(fixture.smsc.submitsTo(caller)).hasSize(2);
        assertThat(history(desk, caseNumber)).contains("短信回复退订");
        assertThat(fixture.supervisor().get("/api/outreach/replies").json()).extracting(r -> r.path("kind").asString()
                + " " + r.path("text").asString()).contains("REPLY 收到，谢谢！下周一去办理。", "STOP TD");

        Http.Response back = fixture.supervisor().send("DELETE", "/api/outreach/stop-list/" + caller, null);
        assertThat(back.status()).as(back.body()).isEqualTo(204);
        assertThat(agent.http(fixture.port).post("/api/outreach/document-list", "{\"article\":\"pension-transfer\"}")
                .status()).isEqualTo(201);
        assertThat(fixture.user("AGENT").send("DELETE", "/api/outreach/stop-list/" + caller, null).status())
                .as("only a supervisor takes a number off").isEqualTo(403);
    }

    private String history(Http desk, String caseNumber) {
        return desk.get("/api/cases/" + caseNumber).json().path("history").toString();
    }

    private JsonNode message(long id) {
        return fixture.supervisor().get("/api/outreach/messages/" + id).json();
    }

    private long queue(String number, String text) {
        return outbox.queue(new OutboxStore.NewMessage(SmsPurpose.DOCUMENT_LIST, number, text, null, null, null, null,
                "test"));
    }
}
