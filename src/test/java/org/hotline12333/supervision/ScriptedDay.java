package org.hotline12333.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A day of calls (17 September 2024, Beijing time) in two skill groups, written straight into the call records, with the
 * figures worked out by hand below. Every time is seconds after the moment the caller asked for a person (queued).
 *
 * <pre>
 * pension   queued    answered after  talk ends after  wrap-up ends after  outcome             survey
 *  1        09:00:00  10 s            190 s            220 s               ANSWERED            满意
 *  2        09:05:00  15 s (limit)    135 s            –                   ANSWERED            基本满意
 *  3        09:10:00  40 s            340 s            360 s               ANSWERED            不满意
 *  4        09:20:00  –               3 s (gave up)    –                   ABANDONED (short)
 *  5        09:30:00  –               50 s (gave up)   –                   ABANDONED
 *  6        09:40:00  –               70 s             –                   CALLBACK_REQUESTED
 *  7        10:00:00  16 s            76 s             –                   ANSWERED
 *  8        23:59:00  5 s             65 s             –                   ANSWERED            满意
 * medical
 *  9        11:00:00  –               0 s              –                   NOT_SERVED
 * 10        11:10:00  5 s             205 s            235 s               ANSWERED            满意
 * 11        11:20:00  –               –                –                   (still waiting)
 * 12        11:30:00  20 s            (still talking)  –                   ANSWERED
 * not that day: a caller who never asked for a person (IVR only); pension callers queued at 23:59:59 the day
 * before (abandoned after 30 s) and at 00:00:00 the day after (answered).
 * </pre>
 *
 * By hand, with a 15 s service-level threshold and 5 s short abandons:
 * <ul>
 * <li>pension: offered 8, answered 5 (1 2 3 7 8), abandoned 2 (short 1), callback 1; within 15 s: 1 2 8 = 3;
 *     service level 3 / (8 − 0 waiting − 1 short) = 3/7; ASA (10+15+40+16+5)/5 = 17.2 s; AHT
 *     (210+120+320+60+60)/5 = 154.0 s; surveys 4, satisfied 2 + basically 1 → 3/4; connection 5/7.</li>
 * <li>medical: offered 4, answered 2 (10 12), not served 1, waiting 1; within: 10 = 1; service level
 *     1 / (4 − 1 − 0) = 1/3; ASA (5+20)/2 = 12.5 s; AHT 230.0 s (12 has not finished talking); surveys 1 → 1;
 *     connection 2/3.</li>
 * <li>overall: offered 12, answered 7, abandoned 2 (short 1), callback 1, not served 1, waiting 1; within 4;
 *     service level 4/10; ASA 111/7 = 15.9 s; AHT 1000/6 = 166.7 s; surveys 5, 4 satisfied → 0.8; connection
 *     7/10.</li>
 * <li>the 24 hours up to noon that day (pension calls 1–7 and the one of the day before, medical 9–12):
 *     pension 4/7, overall 6/10.</li>
 * </ul>
 *
 * <p>Three agents' state history (occupancy: time ON_CALL + WRAP_UP over time READY, RESERVED, ON_CALL or WRAP_UP):
 * <pre>
 * 9171 (pension)          9172 (pension, medical)       9173 (medical)
 * 09-16 18:00 → LOGGED_OUT 09-16 23:00 → READY           09-16 20:00 → READY
 * 08:30:00 → READY        00:30:00 → RESERVED            (nothing that day)
 * 09:00:00 → RESERVED     00:30:05 → ON_CALL             09-18 06:00 → LOGGED_OUT
 * 09:00:10 → ON_CALL      00:40:05 → WRAP_UP
 * 09:03:10 → WRAP_UP      00:41:05 → READY
 * 09:03:40 → READY        01:00:00 → LOGGED_OUT
 * 10:00:00 → PAUSED       14:00:00 → READY
 * 10:30:00 → READY        14:10:00 → RESERVED
 * 11:00:00 → LOGGED_OUT   14:10:10 → ON_CALL
 *                         14:30:10 → WRAP_UP
 *                         14:31:10 → READY (until the day ends; 09-18 02:00 → LOGGED_OUT)
 * </pre>
 * By hand, over the day: 9171 staffed 1800+10+180+30+3380+1800 = 7200 s, busy 210 s; 9172 staffed 1 h before 01:00
 * and 10 h from 14:00 = 39600 s, busy 600+60+1200+60 = 1920 s; 9173 ready all day: 86400 s, busy 0. Pension (9171,
 * 9172): 2130 / 46800; medical (9172, 9173): 1920 / 126000; overall 2130 / 133200. Up to noon: 9171 the same, 9172
 * 3600 s and 660 s, 9173 43200 s; pension 870 / 10800, medical 660 / 46800, overall 870 / 54000.
 */
final class ScriptedDay {

    static final LocalDate DAY = LocalDate.of(2024, 9, 17); // a Tuesday no other test in the shared context uses
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String PENSION = "day-pension";
    static final String MEDICAL = "day-medical";

    private ScriptedDay() {
    }

    static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(BEIJING).toInstant();
    }

    /** Writes the day's calls; returns the ids of the calls offered that day. */
    static List<String> insert(JdbcClient db) {
        List<String> day = new ArrayList<>();
        day.add(call(db, PENSION, at(DAY, "09:00:00"), 10, 190, 220, "ANSWERED", "SATISFIED"));
        day.add(call(db, PENSION, at(DAY, "09:05:00"), 15, 135, null, "ANSWERED", "BASICALLY_SATISFIED"));
        day.add(call(db, PENSION, at(DAY, "09:10:00"), 40, 340, 360, "ANSWERED", "DISSATISFIED"));
        day.add(call(db, PENSION, at(DAY, "09:20:00"), null, 3, null, "ABANDONED", null));
        day.add(call(db, PENSION, at(DAY, "09:30:00"), null, 50, null, "ABANDONED", null));
        day.add(call(db, PENSION, at(DAY, "09:40:00"), null, 70, null, "CALLBACK_REQUESTED", null));
        day.add(call(db, PENSION, at(DAY, "10:00:00"), 16, 76, null, "ANSWERED", null));
        day.add(call(db, PENSION, at(DAY, "23:59:00"), 5, 65, null, "ANSWERED", "SATISFIED"));
        day.add(call(db, MEDICAL, at(DAY, "11:00:00"), null, 0, null, "NOT_SERVED", null));
        day.add(call(db, MEDICAL, at(DAY, "11:10:00"), 5, 205, 235, "ANSWERED", "SATISFIED"));
        day.add(call(db, MEDICAL, at(DAY, "11:20:00"), null, null, null, null, null));
        day.add(call(db, MEDICAL, at(DAY, "11:30:00"), 20, null, null, "ANSWERED", null));
        call(db, PENSION, at(DAY.minusDays(1), "23:59:59"), null, 30, null, "ABANDONED", null);
        call(db, PENSION, at(DAY.plusDays(1), "00:00:00"), 8, 68, null, "ANSWERED", "SATISFIED");
        ivrOnly(db, at(DAY, "08:30:00"));
        agents(db);
        return day;
    }

    /** The agents of the table above, their skills and their state history. */
    private static void agents(JdbcClient db) {
        group(db, PENSION, "养老(脚本日)");
        group(db, MEDICAL, "医疗(脚本日)");
        agent(db, "9171", "LOGGED_OUT", at(DAY, "11:00:00"), PENSION);
        agent(db, "9172", "LOGGED_OUT", at(DAY.plusDays(1), "02:00:00"), PENSION, MEDICAL);
        agent(db, "9173", "LOGGED_OUT", at(DAY.plusDays(1), "06:00:00"), MEDICAL);
        history(db, "9171", at(DAY.minusDays(1), "18:00:00"), "READY", "LOGGED_OUT");
        String[][] first = {{"08:30:00", "LOGGED_OUT", "READY"}, {"09:00:00", "READY", "RESERVED"},
                {"09:00:10", "RESERVED", "ON_CALL"}, {"09:03:10", "ON_CALL", "WRAP_UP"}, {"09:03:40", "WRAP_UP", "READY"},
                {"10:00:00", "READY", "PAUSED"}, {"10:30:00", "PAUSED", "READY"}, {"11:00:00", "READY", "LOGGED_OUT"}};
        for (String[] change : first) {
            history(db, "9171", at(DAY, change[0]), change[1], change[2]);
        }
        history(db, "9172", at(DAY.minusDays(1), "23:00:00"), "LOGGED_OUT", "READY");
        String[][] second = {{"00:30:00", "READY", "RESERVED"}, {"00:30:05", "RESERVED", "ON_CALL"},
                {"00:40:05", "ON_CALL", "WRAP_UP"}, {"00:41:05", "WRAP_UP", "READY"}, {"01:00:00", "READY", "LOGGED_OUT"},
                {"14:00:00", "LOGGED_OUT", "READY"}, {"14:10:00", "READY", "RESERVED"}, {"14:10:10", "RESERVED", "ON_CALL"},
                {"14:30:10", "ON_CALL", "WRAP_UP"}, {"14:31:10", "WRAP_UP", "READY"}};
        for (String[] change : second) {
            history(db, "9172", at(DAY, change[0]), change[1], change[2]);
        }
        history(db, "9172", at(DAY.plusDays(1), "02:00:00"), "READY", "LOGGED_OUT");
        history(db, "9173", at(DAY.minusDays(1), "20:00:00"), "LOGGED_OUT", "READY");
        history(db, "9173", at(DAY.plusDays(1), "06:00:00"), "READY", "LOGGED_OUT");
    }

    private static void group(JdbcClient db, String code, String name) {
        db.sql("INSERT INTO skill_group (code, name) VALUES (?, ?)").params(code, name).update();
    }

    private static void agent(JdbcClient db, String workNumber, String state, Instant since, String... groups) {
        db.sql("INSERT INTO agent (work_number, name, endpoint, node, state, state_since) VALUES (?, ?, ?, 'central', ?, ?)")
                .params(workNumber, "脚本日" + workNumber, "PJSIP/day" + workNumber, state, ts(since)).update();
        for (String group : groups) {
            db.sql("INSERT INTO agent_skill (work_number, group_code, level) VALUES (?, ?, 3)").params(workNumber, group)
                    .update();
        }
    }

    private static void history(JdbcClient db, String workNumber, Instant at, String from, String to) {
        db.sql("INSERT INTO agent_state_change (work_number, from_state, to_state, at, instance)"
                + " VALUES (?, ?, ?, ?, 'scripted-day')").params(workNumber, from, to, ts(at)).update();
    }

    private static String call(JdbcClient db, String group, Instant queued, Integer answeredAfter,
                               Integer talkEndsAfter, Integer wrapUpEndsAfter, String outcome, String satisfaction) {
        String id = UUID.randomUUID().toString();
        Instant started = queued.minusSeconds(40);
        boolean open = outcome == null || (answeredAfter != null && talkEndsAfter == null);
        db.sql("INSERT INTO calls (id, node, unique_id, handled_by, script, started_at, ended_at, ended_by, skill_group,"
                        + " priority, queued_at, connected_at, talk_ended_at, wrap_up_ended_at, outcome, satisfaction)"
                        + " VALUES (?, 'central', ?, 'scripted-day', 'ivr', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")
                .params(id, "day." + id, ts(started), open ? null : ts(queued.plusSeconds(400)), open ? null : "CALLER",
                        group, ts(queued), after(queued, answeredAfter), after(queued, talkEndsAfter),
                        after(queued, wrapUpEndsAfter), outcome, satisfaction)
                .update();
        return id;
    }

    private static void ivrOnly(JdbcClient db, Instant started) {
        db.sql("INSERT INTO calls (id, node, unique_id, handled_by, script, started_at, ended_at, ended_by)"
                        + " VALUES (?, 'central', ?, 'scripted-day', 'ivr', ?, ?, 'CALLER')")
                .params(UUID.randomUUID().toString(), "day.ivr", ts(started), ts(started.plusSeconds(90))).update();
    }

    private static Timestamp after(Instant queued, Integer seconds) {
        return seconds == null ? null : ts(queued.plusSeconds(seconds));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
