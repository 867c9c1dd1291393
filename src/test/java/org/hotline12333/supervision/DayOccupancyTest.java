package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hotline12333.testkit.MigratedH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Today's occupancy with the settled part of the day kept between refreshes gives, at every refresh, what a scan of
 * the whole day gives: while the day's state changes are being written, after a clock set back, on the next day, and
 * after a change written late.
 */
class DayOccupancyTest {

    private static final Instant DAY = Instant.parse("2026-12-01T16:00:00Z"); // midnight in Shanghai
    private static final List<String> AGENTS = List.of("6001", "6002", "6003");
    /** Each agent's day, in order: a state and how long it lasts (minutes). */
    private static final List<Object[]> SHIFT = List.of(new Object[] {"READY", 3}, new Object[] {"RESERVED", 1},
            new Object[] {"ON_CALL", 7}, new Object[] {"WRAP_UP", 2}, new Object[] {"READY", 4},
            new Object[] {"PAUSED", 11}, new Object[] {"READY", 2}, new Object[] {"RESERVED", 1},
            new Object[] {"ON_CALL", 13}, new Object[] {"WRAP_UP", 3});

    private JdbcClient db;
    private Occupancy occupancy;
    private DayOccupancy today;
    private final Map<String, String> stateOf = new HashMap<>();
    /** When the next state change happens, and which of the shift's it is. */
    private Instant next = DAY.plus(Duration.ofHours(8));
    private int step;

    @BeforeEach
    void aDatabase() {
        DataSource data = MigratedH2.create("occupancy");
        db = JdbcClient.create(data);
        occupancy = new Occupancy(db);
        today = new DayOccupancy(occupancy);
        for (String agent : AGENTS) {
            db.sql("INSERT INTO agent (work_number, name, endpoint, node, state, state_since)"
                    + " VALUES (?, ?, ?, 'central', 'LOGGED_OUT', ?)").params(agent, agent, "PJSIP/" + agent,
                    Timestamp.from(DAY.minus(Duration.ofDays(1)))).update();
            stateOf.put(agent, "LOGGED_OUT");
        }
    }

    @Test
    void everyRefreshOfTheDayGivesWhatAScanOfTheWholeDayGives() {
        Instant written = DAY.plus(Duration.ofHours(8));
        int refreshes = 0;
        // each agent starts a few minutes after the other and works through the shift twice, refreshed every 3 min
        for (Instant now = written; now.isBefore(DAY.plus(Duration.ofHours(12))); now = now.plus(Duration.ofMinutes(3))) {
            writeChangesUpTo(now);
            assertThat(today.agents(DAY, now)).as("at %s", now).isEqualTo(occupancy.agents(DAY, now));
            refreshes++;
        }
        assertThat(refreshes).isGreaterThan(60);
        assertThat(today.agents(DAY, DAY.plus(Duration.ofHours(12)))).allSatisfy((agent, time) ->
                assertThat(time.busyMillis()).as(agent).isPositive());

        Instant setBack = DAY.plus(Duration.ofHours(9));
        assertThat(today.agents(DAY, setBack)).as("a clock set back").isEqualTo(occupancy.agents(DAY, setBack));
        Instant tomorrow = DAY.plus(Duration.ofDays(1));
        assertThat(today.agents(tomorrow, tomorrow.plus(Duration.ofHours(1)))).as("the next day")
                .isEqualTo(occupancy.agents(tomorrow, tomorrow.plus(Duration.ofHours(1))));
    }

    /**
     * A state change written late, into the part of the day summed at the refresh before (another instance's
     * transaction that waited, say), is in the next refresh, as in a scan of the whole day.
     */
    @Test
    void aStateChangeWrittenLateIsInTheNextRefresh() {
        Instant now = DAY.plus(Duration.ofHours(9));
        writeChangesUpTo(now);
        assertThat(today.agents(DAY, now)).isEqualTo(occupancy.agents(DAY, now));
        Instant next = now.plusSeconds(1);
        assertThat(today.agents(DAY, next)).as("the part summed before, and a second after it")
                .isEqualTo(occupancy.agents(DAY, next));
        String late = AGENTS.get(0);
        Instant before = now.minusSeconds(30); // after what was settled, before the refreshes
        assertThat(db.sql("SELECT MAX(at) FROM agent_state_change WHERE work_number = ?").param(late)
                .query(Timestamp.class).single().toInstant()).as("the agent's last change").isBefore(before);
        // into a state that counts differently: busy from not, or the other way round
        String to = List.of("ON_CALL", "WRAP_UP").contains(stateOf.get(late)) ? "READY" : "ON_CALL";
        db.sql("INSERT INTO agent_state_change (work_number, from_state, to_state, at, instance)"
                + " VALUES (?, ?, ?, ?, 'late')").params(late, stateOf.get(late), to, Timestamp.from(before)).update();
        db.sql("UPDATE agent SET state = ?, state_since = ? WHERE work_number = ?")
                .params(to, Timestamp.from(before), late).update();

        Instant later = now.plusSeconds(2);
        assertThat(today.agents(DAY, later)).isEqualTo(occupancy.agents(DAY, later));
    }

    /** The agents' state changes up to {@code now}, written as they would have been (the agent's row too). */
    private void writeChangesUpTo(Instant now) {
        while (!next.isAfter(now)) {
            Object[] state = SHIFT.get(step % SHIFT.size());
            String agent = AGENTS.get(step % AGENTS.size());
            String to = (String) state[0];
            db.sql("INSERT INTO agent_state_change (work_number, from_state, to_state, at, instance)"
                    + " VALUES (?, ?, ?, ?, 'test')").params(agent, stateOf.get(agent), to, Timestamp.from(next))
                    .update();
            db.sql("UPDATE agent SET state = ?, state_since = ? WHERE work_number = ?")
                    .params(to, Timestamp.from(next), agent).update();
            stateOf.put(agent, to);
            next = next.plus(Duration.ofMinutes((Integer) state[1])).plusSeconds(17);
            step++;
        }
    }
}
