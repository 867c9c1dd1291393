package org.hotline12333.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.hotline12333.testkit.MigratedH2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The call journal's writes on the service's own schema (its migrations, H2 as the service runs it): what is kept
 * once stays as first written, and each update finds its row by the primary key, however many other calls wait
 * to be queued.
 */
class CallUpdatesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private static JdbcClient db;
    private static CallUpdates updates;

    /** One database for the class (migrating it is most of the class's time); each test has calls of its own. */
    @BeforeAll
    static void theSchema() {
        DataSource data = MigratedH2.create("updates");
        db = JdbcClient.create(data);
        updates = new CallUpdates(db);
    }

    @Test
    void aCallEndsOnceAndWhoeverEndsItLaterLearnsItHadEnded() {
        updates.opened("ends-twice", new NewCall("pbx-1", "1764662400.7", "PJSIP/carrier-1", "13800138000", "张三",
                "12333", "ivr"), "here", T0);

        assertThat(updates.closed("ends-twice", EndedBy.CALLER, "caller hung up", T0.plusSeconds(90))).isTrue();
        assertThat(updates.closed("ends-twice", EndedBy.SHUTDOWN, "service stopped", T0.plusSeconds(95))).isFalse();

        Map<String, Object> row = db.sql("SELECT node, unique_id, channel, caller_number, caller_name, dialled_number,"
                + " script, handled_by, started_at, ended_by, end_reason, ended_at FROM calls WHERE id = 'ends-twice'")
                .query().singleRow();
        assertThat(row).containsEntry("node", "pbx-1").containsEntry("unique_id", "1764662400.7")
                .containsEntry("channel", "PJSIP/carrier-1").containsEntry("caller_number", "13800138000")
                .containsEntry("caller_name", "张三").containsEntry("dialled_number", "12333")
                .containsEntry("script", "ivr").containsEntry("handled_by", "here")
                .containsEntry("ended_by", "CALLER").containsEntry("end_reason", "caller hung up");
        assertThat(instant(row.get("started_at"))).isEqualTo(T0);
        assertThat(instant(row.get("ended_at"))).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void aCallsFirstQueueIsKeptAndALaterOneChangesNothing() {
        open("queued-twice");
        updates.queued("queued-twice", "PENSION", 1, T0, "topic=pension");
        updates.queued("queued-twice", "MEDICAL", 5, T0.plusSeconds(30), "topic=medical");

        assertThat(db.sql("SELECT skill_group, priority, queued_at, call_data FROM calls WHERE id = 'queued-twice'")
                .query().singleRow()).containsEntry("skill_group", "PENSION").containsEntry("priority", 1)
                .containsEntry("call_data", "topic=pension").extractingByKey("queued_at").isNotNull()
                .satisfies(at -> assertThat(instant(at)).isEqualTo(T0));
    }

    @Test
    void anAnswerKeepsTheFirstAnswerTimeAndATransferNamesTheNewAgent() {
        open("transferred");
        updates.connected("transferred", "A001", "LONGEST_IDLE", "idle longest", T0, CallOutcome.ANSWERED);
        updates.connected("transferred", "A002", "TRANSFER", "blind transfer", T0.plusSeconds(60),
                CallOutcome.ANSWERED);
        updates.routingEnded("transferred", CallOutcome.ANSWERED, T0.plusSeconds(120));
        updates.rated("transferred", Satisfaction.SATISFIED);

        Map<String, Object> row = db.sql("SELECT agent, chosen_by, connected_at, talk_ended_at, outcome, satisfaction"
                + " FROM calls WHERE id = 'transferred'").query().singleRow();
        assertThat(row).containsEntry("agent", "A002").containsEntry("chosen_by", "TRANSFER")
                .containsEntry("outcome", "ANSWERED").containsEntry("satisfaction", "SATISFIED");
        assertThat(instant(row.get("connected_at"))).isEqualTo(T0);
        assertThat(instant(row.get("talk_ended_at"))).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aLegIsAnsweredOnceAndEndsOnce() {
        open("with-a-leg");
        long leg = updates.legStarted("with-a-leg", CallLegView.Kind.AGENT, "PJSIP/1001", "A001", T0);
        long transfer = updates.legStarted("with-a-leg", CallLegView.Kind.TRANSFER, "PJSIP/1002", "A002", T0);
        assertThat(transfer).as("each leg its own id").isNotEqualTo(leg);
        updates.legChannel(leg, "PJSIP/1001-00000001");
        updates.legAnswered(leg, T0.plusSeconds(2));
        updates.legAnswered(leg, T0.plusSeconds(9));
        updates.legEnded(leg, "HANGUP", T0.plusSeconds(60));
        updates.legEnded(leg, "TIMEOUT", T0.plusSeconds(90));

        Map<String, Object> row = db.sql("SELECT kind, party, agent, started_at, channel, answered_at, ended_at, outcome"
                + " FROM call_leg WHERE id = ?").param(leg).query().singleRow();
        assertThat(row).containsEntry("kind", "AGENT").containsEntry("party", "PJSIP/1001").containsEntry("agent", "A001")
                .containsEntry("channel", "PJSIP/1001-00000001").containsEntry("outcome", "HANGUP");
        assertThat(instant(row.get("started_at"))).isEqualTo(T0);
        assertThat(instant(row.get("answered_at"))).isEqualTo(T0.plusSeconds(2));
        assertThat(instant(row.get("ended_at"))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theFirstAskerIsTheAgentOfTheCallersCallAnsweredLastSinceThen() {
        String caller = "13900139000";
        answered("asked-long-ago", caller, "A007", T0.minusSeconds(3600));
        answered("asked-first", caller, "A001", T0.plusSeconds(10));
        answered("asked-last", caller, "A002", T0.plusSeconds(50));
        updates.opened("never-answered", new NewCall("pbx-1", "u-never", "PJSIP/carrier-1", caller, null, "12333",
                "ivr"), "here", T0.plusSeconds(80));
        answered("someone-else", "13900139001", "A003", T0.plusSeconds(90));

        assertThat(updates.lastAgent(caller, T0)).contains("A002");
        assertThat(updates.lastAgent(caller, T0.minusSeconds(7200))).contains("A002");
        assertThat(updates.lastAgent(caller, T0.plusSeconds(60))).as("none answered since").isEmpty();
        assertThat(updates.lastAgent("13900139002", T0)).as("a caller never answered").isEmpty();
        assertThat(updates.agentOf("asked-last")).contains("A002");
        assertThat(updates.agentOf("never-answered")).isEmpty();
        assertThat(updates.agentOf("no-such-call")).isEmpty();
    }

    /** The first-asker's question is asked by every caller: it finds them by their number, not by a walk of calls. */
    @Test
    void theFirstAskersQuestionFindsTheCallerByTheirNumber() {
        for (int i = 0; i < 200; i++) {
            answered("many-" + i, "1380000" + (1000 + i), "A001", T0.plusSeconds(i));
        }
        db.sql("ANALYZE").update();

        String plan = db.sql("EXPLAIN " + CallUpdates.LAST_AGENT).params("13800001000", java.time.OffsetDateTime.now())
                .query(String.class).single();

        assertThat(plan).containsIgnoringCase("ix_calls_caller_connected");
    }

    /**
     * "First queue only" was once a condition, {@code queued_at IS NULL}, in the update's WHERE. Once H2 had analyzed
     * a table of calls that nearly all queued, it rated that index as good as the primary key and used it: each
     * caller queued walked every call not queued yet (in the AGI benchmark's burst, hundreds; the journal's
     * queued updates were then 12 % of the service's CPU). Every statement the journal writes must find its row by
     * the primary key.
     */
    @Test
    void everyUpdateFindsItsRowByThePrimaryKeyInATableH2HasAnalyzed() {
        for (int i = 0; i < 200; i++) {
            open("served-" + i);
            updates.queued("served-" + i, "G", 1, T0.plusSeconds(i), "");
        }
        db.sql("ANALYZE").update(); // as H2 does by itself once enough rows have changed
        open("not-queued-yet");
        Object at = java.time.OffsetDateTime.now();
        Map<String, Object[]> statements = Map.of(
                CallUpdates.CLOSED, new Object[] {"CALLER", "hung up", at, "not-queued-yet"},
                CallUpdates.QUEUED, new Object[] {"G", 1, "d", at, "not-queued-yet"},
                CallUpdates.CONNECTED, new Object[] {"A001", "X", "r", at, "ANSWERED", "not-queued-yet"},
                CallUpdates.ROUTING_ENDED, new Object[] {"ANSWERED", at, "not-queued-yet"},
                CallUpdates.RATED, new Object[] {"SATISFIED", "not-queued-yet"},
                CallUpdates.AGENT_OF, new Object[] {"not-queued-yet"},
                CallUpdates.LEG_CHANNEL, new Object[] {"c", 1L},
                CallUpdates.LEG_ANSWERED, new Object[] {at, 1L},
                CallUpdates.LEG_ENDED, new Object[] {"o", at, 1L});
        statements.forEach((sql, params) -> assertThat(db.sql("EXPLAIN " + sql).params(params).query(String.class)
                .single()).as(sql).containsPattern("/\\* public\\.PRIMARY_KEY_\\w+: id = "));
    }

    private void answered(String id, String caller, String agent, Instant at) {
        updates.opened(id, new NewCall("pbx-1", id + "-uid", "PJSIP/carrier-1", caller, null, "12333", "ivr"), "here",
                at.minusSeconds(20));
        updates.connected(id, agent, "LONGEST_IDLE", "idle longest", at, CallOutcome.ANSWERED);
    }

    private void open(String id) {
        db.sql("INSERT INTO calls (id, node, unique_id, handled_by, started_at) VALUES (?, 'pbx-1', ?, 'here', ?)")
                .params(id, id + "-uid", Timestamp.from(T0)).update();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
