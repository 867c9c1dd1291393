package org.hotline12333.routing;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How callers are routed to agents. Per-group settings (wrap-up time, overflow) live with the groups in the
 * database; these are the service-wide ones.
 *
 * @param seed                where to read skill groups, agents and posts from on the first start (empty tables);
 *                            empty for none
 * @param strategy            how an agent is picked inside a group
 * @param ringTimeout         how long an agent's phone rings before the caller goes to the next agent
 * @param dialOptions         Asterisk Dial() options for agent legs: {@code g} so the caller comes back to the
 *                            service (survey) when the agent hangs up, {@code t} so the agent (the called party) may
 *                            start an attended transfer (AMI Atxfer, features.conf). Never {@code T}: it gives the
 *                            transfer keys to the caller, who could send the agent into the IVR with {@code #}
 * @param musicOnHoldClass    musiconhold.conf class played while waiting
 * @param announceInterval    how often a waiting caller hears their position and estimated wait
 * @param callbackOfferAfter  waiting time after which the caller is offered a callback (press 1) at each
 *                            announcement; zero or negative: never
 * @param hangupProbeInterval how often a waiting call is probed over AGI in case AMI did not report its hang-up
 * @param priorityHeadStart   how much waiting time one green-channel priority level is worth: a priority-1 caller
 *                            goes before normal callers who have waited less than this, never before those who
 *                            waited longer (the starvation guard)
 * @param maxPriority         priorities above this count as this
 * @param firstAskerWithin    a caller who talked to an agent within this time is offered to that agent first
 * @param firstAskerWait      how long such a caller waits for that agent to become ready before normal routing
 * @param defaultHandleTime   handle time assumed for wait estimates until a group has its own figures
 * @param tick                how often timers (overflow, first-asker wait, wrap-up end) are checked
 * @param syncInterval        how often agent states are re-read from the database (changes by other instances)
 * @param callbackCheckInterval how often stored callbacks are looked at for a ready agent
 * @param callbackRetryInterval wait before a failed callback is tried again
 * @param callbackMaxAttempts attempts before a callback is given up
 * @param callbackRingTimeout how long the agent's and then the caller's phone ring on a callback
 * @param callbackCallerId    number presented to the caller on callbacks and three-way calls
 * @param outboundContext     dialplan context that dials outside numbers through the carrier
 * @param internalContext     dialplan context that dials staff extensions
 * @param remoteDial          node name → dial string for agents on that node when the caller is on another node
 *                            (remote seats, 远程座席); {@code {extension}} is the agent's extension,
 *                            {@code {endpoint}} the whole endpoint. An agent on a node with no entry only gets
 *                            calls arriving on their own node.
 */
@Validated
@ConfigurationProperties("hotline.routing")
public record RoutingProperties(@DefaultValue("classpath:routing/seed-12333.yml") String seed,
                                @DefaultValue("skill-then-longest-idle") Strategy strategy,
                                @DefaultValue("15s") Duration ringTimeout,
                                @DefaultValue("gt") String dialOptions,
                                @DefaultValue("default") String musicOnHoldClass,
                                @DefaultValue("30s") Duration announceInterval,
                                @DefaultValue("60s") Duration callbackOfferAfter,
                                @DefaultValue("5s") Duration hangupProbeInterval,
                                @DefaultValue("60s") Duration priorityHeadStart,
                                @DefaultValue("3") @Min(0) int maxPriority,
                                @DefaultValue("7d") Duration firstAskerWithin,
                                @DefaultValue("10s") Duration firstAskerWait,
                                @DefaultValue("180s") Duration defaultHandleTime,
                                @DefaultValue("250ms") Duration tick,
                                @DefaultValue("2s") Duration syncInterval,
                                @DefaultValue("2s") Duration callbackCheckInterval,
                                @DefaultValue("60s") Duration callbackRetryInterval,
                                @DefaultValue("3") @Min(1) int callbackMaxAttempts,
                                @DefaultValue("30s") Duration callbackRingTimeout,
                                @DefaultValue("12333") String callbackCallerId,
                                @DefaultValue("hotline-outbound") String outboundContext,
                                @DefaultValue("hotline-internal") String internalContext,
                                @DefaultValue Map<String, String> remoteDial) {

    public enum Strategy {
        /** The highest skill level in the group first; among equals, the agent idle longest. */
        SKILL_THEN_LONGEST_IDLE,
        /** The agent idle longest, whatever their level. */
        LONGEST_IDLE
    }
}
