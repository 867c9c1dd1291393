package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.cluster.InstanceLost;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.SmscStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The outbox against a gateway that misbehaves, over real SMPP with the SMSC stand-in: receipts before the submit's
 * answer, a link dropped in the middle of a batch, a submit never answered, ESME_RTHROTTLED, a refused bind, refusals
 * that pass and that do not, a receipt saying undelivered, and a crash in the middle of a message. Nothing is sent
 * twice and nothing is lost without a trace: every message ends delivered or in a state a supervisor sees.
 */
@HotlineTest
class SmsGatewayFaultsTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient db;
    @Autowired
    RecordedEvents events;
    @Autowired
    OutboxStore store;
    @Autowired
    TransactionTemplate transactions;
    OutreachFixture fixture;
    SmscStandIn smsc;
    private static final String LOST = "lost-instance";

    @BeforeEach
    void gatewayAndMorning() {
        fixture = new OutreachFixture(service);
        smsc = fixture.smsc;
    }

    @AfterEach
    void wellBehaved() {
        smsc.reset();
        fixture.clock.reset();
    }

    @Test
    void receiptsThatComeBeforeTheAnswerToTheSubmitAreMatchedToTheirMessage() {
        smsc.receipts(SmscStandIn.Receipts.BEFORE_ANSWER, "DELIVRD");
        String number = OutreachFixture.mobile();

        JsonNode delivered = fixture.awaitState(queue(number, "【12333】您的材料已收齐。"), "DELIVERED");

        assertThat(delivered.path("segments").get(0).path("receipt").asString()).isEqualTo("DELIVRD");
        assertThat(delivered.path("segments").get(0).path("gatewayId").asString())
                .isEqualTo(smsc.submitsTo(number).get(0).messageId());
        assertThat(db.sql("SELECT COUNT(*) FROM sms_receipt WHERE gateway_id = ? AND matched = FALSE")
                .param(smsc.submitsTo(number).get(0).messageId()).query(Long.class).single()).isZero();
    }

    @Test
    void aReceiptThatCameWhileItsMessageWasStillBeingSentIsSettledByTheNextRound() {
        smsc.receipts(SmscStandIn.Receipts.NONE, "DELIVRD");
        String number = OutreachFixture.mobile();
        long id = queue(number, "【12333】您的材料已收齐。");
        fixture.awaitState(id, "SENT");
        String gatewayId = smsc.submitsTo(number).get(0).messageId();

        // what the race leaves (seen in a whole-suite run on a busy machine): the gateway's thread stored the receipt
        // and applied it to its segment while the message was still SENDING, so it settled nothing, and the sender's
        // own settling had run before that receipt was committed
        Timestamp at = Timestamp.from(fixture.clock.instant());
        db.sql("INSERT INTO sms_receipt (gateway_id, state, received_at, matched) VALUES (?, 'DELIVRD', ?, TRUE)")
                .params(gatewayId, at).update();
        db.sql("UPDATE sms_segment SET receipt_state = 'DELIVRD', receipt_at = ? WHERE gateway_id = ?")
                .params(at, gatewayId).update();

        JsonNode delivered = fixture.awaitState(id, "DELIVERED");
        assertThat(delivered.path("segments").get(0).path("receipt").asString()).isEqualTo("DELIVRD");
    }

    @Test
    void aLinkDroppedInTheMiddleOfABatchIsBoundAgainAndNoNumberGetsAMessageTwice() {
        int bindsBefore = smsc.binds();
        smsc.dropLinkAfter(3);
        List<String> numbers = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            numbers.add(OutreachFixture.mobile());
            ids.add(queue(numbers.get(i), "【12333】批量通知第" + (i + 1) + "条。"));
        }

        List<JsonNode> ends = ids.stream().map(id -> await().atMost(Duration.ofSeconds(30)).until(
                () -> fixture.supervisor().get("/api/outreach/messages/" + id).json(),
                m -> m.path("state").asString().equals("DELIVERED") || m.path("state").asString().equals("UNCERTAIN")))
                .toList();

        assertThat(smsc.binds()).as("bound again after the drop").isGreaterThan(bindsBefore);
        for (int i = 0; i < numbers.size(); i++) {
            List<SmscStandIn.Submit> got = smsc.submitsTo(numbers.get(i));
            assertThat(got).as("never twice: " + numbers.get(i)).hasSizeLessThanOrEqualTo(1);
            if (ends.get(i).path("state").asString().equals("DELIVERED")) {
                assertThat(got).hasSize(1);
            } else {
                assertThat(ends.get(i).path("lastError").asString()).contains("may or may not have taken");
            }
        }
        assertThat(ends.stream().filter(m -> m.path("state").asString().equals("DELIVERED")).count())
                .as("at most the one in flight at the drop is in doubt").isGreaterThanOrEqualTo(numbers.size() - 1);
    }

    @Test
    void aSubmitNeverAnsweredIsUncertainIsNotSentAgainByItselfAndASupervisorMaySendItAgain() {
        smsc.leaveNextUnanswered();
        String number = OutreachFixture.mobile();
        long id = queue(number, "【12333】请于周五前补交材料。");

        JsonNode uncertain = fixture.awaitState(id, "UNCERTAIN");
        smsc.releaseUnanswered();
        fixture.awaitBound();
        fixture.clock.set(fixture.clock.instant().plus(Duration.ofHours(2)));
        String other = OutreachFixture.mobile();
        fixture.awaitState(queue(other, "【12333】另一条。"), "DELIVERED");

        assertThat(uncertain.path("stateName").asString()).isEqualTo("状态不明");
        assertThat(uncertain.path("segments").get(0).path("state").asString()).isEqualTo("UNCERTAIN");
        assertThat(smsc.submitsTo(number)).as("the gateway got it once and nothing sent it again").hasSize(1);
        assertThat(fixture.supervisor().get("/api/outreach/messages/" + id).json().path("state").asString())
                .isEqualTo("UNCERTAIN");

        JsonNode resent = fixture.supervisor().post("/api/outreach/messages/" + id + "/resend", "").json();
        assertThat(resent.path("state").asString()).isIn("QUEUED", "SENDING", "SENT", "DELIVERED");
        fixture.awaitState(id, "DELIVERED");
        assertThat(smsc.submitsTo(number)).as("sent again because a supervisor said so").hasSize(2);
        assertThat(fixture.supervisor().get("/api/outreach/contacts?number=" + number).json())
                .extracting(e -> e.path("event").asString()).anySatisfy(e -> assertThat(e)
                        .startsWith("sent again by a supervisor after UNCERTAIN"));
        assertThat(fixture.supervisor().post("/api/outreach/messages/" + id + "/resend", "").status())
                .as("a delivered message is not sent again").isEqualTo(409);
    }

    @Test
    void aThrottledMessageWaitsForTheLinkToRestAndThenGoesOnce() {
        smsc.throttleNext(1);
        String number = OutreachFixture.mobile();
        long id = queue(number, "【12333】您的工单已受理。");

        JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor()
                .get("/api/outreach/messages/" + id).json(), m -> "THROTTLED".equals(m.path("waitingFor").asString()));
        assertThat(waiting.path("state").asString()).isEqualTo("QUEUED");
        assertThat(waiting.path("lastError").asString()).isEqualTo("the gateway answered ESME_RTHROTTLED");
        assertThat(smsc.submitsTo(number)).isEmpty();

        fixture.clock.set(fixture.clock.instant().plusSeconds(5));
        fixture.awaitState(id, "DELIVERED");
        assertThat(smsc.submitsTo(number)).hasSize(1);
    }

    @Test
    void aRefusedBindIsShownAndRaisedAndMessagesWaitUntilTheGatewayTakesThem() {
        smsc.refuseBinds(0x0E);
        smsc.dropLinks();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor().get("/api/outreach/gateway").json()
                .path("reason").asString().equals("the gateway refused the bind: ESME_RINVPASWD"));
        String number = OutreachFixture.mobile();
        long id = queue(number, "【12333】网关恢复后发送。");

        JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor()
                .get("/api/outreach/messages/" + id).json(), m -> "GATEWAY".equals(m.path("waitingFor").asString()));
        assertThat(waiting.path("state").asString()).isEqualTo("QUEUED");
        assertThat(fixture.supervisor().get("/api/outreach/gateway").json().path("bound").asBoolean()).isFalse();
        // raised, not merely among the latest alerts: the shared service's other alerts are on the real clock, later
        // than this test's held one
        events.await(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.SMS_GATEWAY
                && raised.alert().message().contains("ESME_RINVPASWD"));

        smsc.refuseBinds(null);
        fixture.awaitState(id, "DELIVERED");
        assertThat(smsc.submitsTo(number)).hasSize(1);
    }

    @Test
    void aBadNumberRefusedByTheGatewayFailsAtOnceAndAPassingRefusalIsRetriedThenGivenUp() {
        smsc.refuseSubmits(0x0B);
        String refused = OutreachFixture.mobile();
        JsonNode failed = fixture.awaitState(queue(refused, "【12333】号码不存在。"), "FAILED");
        assertThat(failed.path("lastError").asString()).isEqualTo("the gateway answered ESME_RINVDSTADR");
        assertThat(failed.path("attempts").asInt()).isZero();

        smsc.refuseSubmits(0x14);
        String busy = OutreachFixture.mobile();
        long id = queue(busy, "【12333】网关队列已满。");
        for (int attempt = 1; attempt < 5; attempt++) {
            int expected = attempt;
            JsonNode retry = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor()
                    .get("/api/outreach/messages/" + id).json(), m -> m.path("attempts").asInt() == expected);
            assertThat(retry.path("waitingFor").asString()).isEqualTo("RETRY");
            Instant next = Instant.parse(retry.path("nextAttemptAt").asString());
            assertThat(Duration.between(fixture.clock.instant(), next)).as("doubling from a minute")
                    .isEqualTo(Duration.ofMinutes(1L << (attempt - 1)));
            fixture.clock.set(next);
        }
        JsonNode givenUp = fixture.awaitState(id, "FAILED");
        assertThat(givenUp.path("lastError").asString()).isEqualTo("the gateway answered ESME_RMSGQFUL (5 attempts)");
    }

    @Test
    void aReceiptSayingUndeliveredShowsOnTheMessage() {
        smsc.receipts(SmscStandIn.Receipts.AFTER_ANSWER, "UNDELIV");
        JsonNode undelivered = fixture.awaitState(queue(OutreachFixture.mobile(), "【12333】关机未送达。"), "UNDELIVERED");
        assertThat(undelivered.path("stateName").asString()).isEqualTo("未送达");
        assertThat(undelivered.path("segments").get(0).path("receipt").asString()).isEqualTo("UNDELIV");
    }

    @Test
    void afterAnInstanceIsLostASegmentItWasSubmittingIsUncertainAndTheRestOfAMessageGoesWithoutWhatTheGatewayHad() {
        String halfway = OutreachFixture.mobile();
        String long1 = "【12333】" + "请携带身份证、户口簿、社保卡及相关证明材料原件到窗口办理。".repeat(4);
        String stuck = OutreachFixture.mobile();
        long inDoubt = crashedWhileSending(stuck, "【12333】崩溃时正在提交。", 1, "SUBMITTING");
        long continued = crashedWhileSending(halfway, long1, 1, "SUBMITTED");

        // the instance that claimed them died; a surviving instance (this one) took its lease over
        service.publishEvent(new InstanceLost(LOST, fixture.clock.instant().minusSeconds(30), fixture.clock.instant(),
                "test"));

        JsonNode uncertain = fixture.awaitState(inDoubt, "UNCERTAIN");
        assertThat(uncertain.path("lastError").asString()).startsWith("the service stopped while a segment was being "
                + "submitted");
        fixture.awaitState(continued, "SENT");
        List<SmscStandIn.Submit> rest = smsc.submitsTo(halfway);
        assertThat(rest).as("segment 1 had reached the gateway before the crash: only the others go")
                .extracting(s -> s.concatenation()[2]).doesNotContain(1).contains(2);
        assertThat(smsc.submitsTo(stuck)).isEmpty();
    }

    /** A message as a crash leaves it: claimed by the lost instance, its first segment in {@code firstState}. */
    private long crashedWhileSending(String number, String text, int segment, String firstState) {
        return transactions.execute(status -> {
            long id = store.insert(new OutboxStore.NewMessage(SmsPurpose.DOCUMENT_LIST, number, text, null, null,
                    null, null, "test"), SmsEncoding.coding(text), SmsEncoding.segmentsNeeded(text),
                    fixture.clock.instant());
            db.sql("UPDATE sms_message SET state = 'SENDING', claimed_by = ? WHERE id = ?").params(LOST, id).update();
            db.sql("UPDATE sms_segment SET state = ?, gateway_id = ? WHERE message_id = ? AND seq = ?")
                    .params(firstState, firstState.equals("SUBMITTED") ? "BEFORE-CRASH-" + id : null, id, segment)
                    .update();
            return id;
        });
    }

    private long queue(String number, String text) {
        return outbox.queue(new OutboxStore.NewMessage(SmsPurpose.DOCUMENT_LIST, number, text, null, null, null, null,
                "test"));
    }
}
