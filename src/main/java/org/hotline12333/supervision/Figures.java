package org.hotline12333.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A day's figures per skill group and overall, computed from the call records (docs/supervision.md defines each).
 *
 * @param date                  the day, in {@code zone}
 * @param connectionWindowFrom  start of the 24 hours the connection rate counts (ends at {@code connectionWindowTo})
 * @param agents                each agent's occupancy that day (those staffed at all), by work number
 */
record Figures(LocalDate date, String zone, Instant computedAt, long serviceLevelSeconds, long shortAbandonSeconds,
               double connectionRateTarget, Instant connectionWindowFrom, Instant connectionWindowTo,
               GroupFigures overall, List<GroupFigures> groups, List<AgentOccupancy> agents) {

    /**
     * One group's figures (or overall: {@code group} null).
     *
     * @param offered                 callers who asked for a person (handed to routing) that day
     * @param answered                of those, put through to an agent who answered
     * @param abandoned               hung up while waiting or while the agent's phone rang
     * @param shortAbandoned          of the abandoned, those who hung up within the short-abandon time
     * @param callbackRequested       chose to be called back instead of waiting
     * @param notServed               nobody could take them (no agent logged in for the group)
     * @param waiting                 still waiting for an agent when the figures were computed
     * @param answeredWithinThreshold answered within the service-level threshold
     * @param serviceLevel            answeredWithinThreshold / (offered − waiting − shortAbandoned); null when 0/0
     * @param asaSeconds              average speed of answer: mean wait of the answered calls
     * @param ahtSeconds              average handle time: mean talk + wrap-up of answered calls whose talk ended
     * @param satisfactionRate        (满意 + 基本满意) / all survey answers; null without answers
     * @param connection              the connection rate (接通率) over the 24-hour window
     * @param occupancy               the occupancy (占用率) of the agents serving the group (overall: of every agent)
     */
    record GroupFigures(String group, long offered, long answered, long abandoned, long shortAbandoned,
                        long callbackRequested, long notServed, long waiting, long answeredWithinThreshold,
                        Double serviceLevel, Double asaSeconds, Double ahtSeconds, long surveyed, long satisfied,
                        long basicallySatisfied, long dissatisfied, Double satisfactionRate,
                        ConnectionRate connection, Occupancy occupancy) {
    }

    /**
     * Occupancy (占用率) = busy ÷ staffed, over the day up to now.
     *
     * @param staffedSeconds time ready, ringing, on calls or in wrap-up (logged in and not paused)
     * @param busySeconds    time on calls or in wrap-up
     * @param rate           busy ÷ staffed; null when nobody was staffed
     */
    record Occupancy(long staffedSeconds, long busySeconds, Double rate) {
    }

    record AgentOccupancy(String workNumber, Occupancy occupancy) {
    }

    /**
     * @param offered   calls offered in the window whose outcome is known, short abandons left out
     * @param connected of those, answered by an agent
     * @param rate      connected / offered; null when nothing was offered
     */
    record ConnectionRate(long offered, long connected, Double rate, boolean meetsTarget) {
    }
}
