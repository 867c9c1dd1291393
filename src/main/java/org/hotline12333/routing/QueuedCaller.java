package org.hotline12333.routing;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A caller (or a piece of work, such as a callback) as the router sees them while they wait. The final fields say
 * who they are; the others belong to the router. Ordered by their key: the time they started waiting, minus the
 * head start of their priority (see {@link Router}), then by arrival.
 */
final class QueuedCaller implements Comparable<QueuedCaller> {

    final String callId;
    /** The Asterisk node of the caller's channel; null for work that is not on a channel. */
    final String node;
    final String group;
    final String post;
    final int priority;
    final Instant since;
    /** The agent this caller waits for first (first-asker, or a transfer's target), until {@link #firstAskerUntil}. */
    final String firstAsker;
    final Instant firstAskerUntil;
    /** A transfer to a named agent: that agent is waited for whatever their skills. */
    final boolean transferred;
    /** The groups whose agents may take them: their own, and those they overflowed to. */
    final Set<String> groups = new LinkedHashSet<>();
    long key;
    long sequence;
    boolean queued;
    boolean heldForFirstAsker;

    private QueuedCaller(String callId, String node, String group, String post, int priority, Instant since,
                         String firstAsker, Instant firstAskerUntil, boolean transferred) {
        this.callId = callId;
        this.node = node;
        this.group = group;
        this.post = post;
        this.priority = priority;
        this.since = since;
        this.firstAsker = firstAsker;
        this.firstAskerUntil = firstAskerUntil;
        this.transferred = transferred;
    }

    /** A caller for a group, and a post when the IVR chose one (null if not). */
    static QueuedCaller of(String callId, String node, String group, String post, int priority, Instant since) {
        return new QueuedCaller(callId, node, group, post, priority, since, null, null, false);
    }

    /** Work for any ready agent of the group, such as a callback: on no channel, no post, no priority. */
    static QueuedCaller work(String workId, String group, Instant since) {
        return of(workId, null, group, null, 0, since);
    }

    /** The same caller, offered first to the agent who talked to them last, who is waited for until then. */
    QueuedCaller firstAsker(String agent, Instant until) {
        return new QueuedCaller(callId, node, group, post, priority, since, agent, until, false);
    }

    /** The same caller, transferred to this agent, who is waited for until then whatever their skills. */
    QueuedCaller transferredTo(String agent, Instant until) {
        return new QueuedCaller(callId, node, group, post, priority, since, agent, until, true);
    }

    @Override
    public int compareTo(QueuedCaller other) {
        int byKey = Long.compare(key, other.key);
        return byKey != 0 ? byKey : Long.compare(sequence, other.sequence);
    }
}
