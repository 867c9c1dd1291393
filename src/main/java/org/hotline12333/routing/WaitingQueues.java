package org.hotline12333.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The callers the router knows, and the three queues they wait in: per skill group (their own and those they
 * overflowed to), per post, and per agent for a caller held for their first-asker agent or transfer target. Each
 * queue is ordered by {@link QueuedCaller#compareTo}. Single-threaded, like the router.
 */
final class WaitingQueues {

    private final Map<String, QueuedCaller> callers = new HashMap<>();
    private final Map<String, NavigableSet<QueuedCaller>> byGroup = new HashMap<>();
    private final Map<String, NavigableSet<QueuedCaller>> byPost = new HashMap<>();
    private final Map<String, NavigableSet<QueuedCaller>> forAgent = new HashMap<>();

    void add(QueuedCaller caller) {
        callers.put(caller.callId, caller);
    }

    /** The caller, or null. */
    QueuedCaller get(String callId) {
        return callers.get(callId);
    }

    /** Whether this is still the caller known by its call id (a timer may outlive the caller it was set for). */
    boolean isCurrent(QueuedCaller caller) {
        return callers.get(caller.callId) == caller;
    }

    /** Forgets the caller, out of every queue; the caller, or null if not known. */
    QueuedCaller remove(String callId) {
        QueuedCaller caller = callers.remove(callId);
        if (caller != null) {
            unqueue(caller);
        }
        return caller;
    }

    /** Queues the caller for each of their groups and for their post (null: none). */
    void queue(QueuedCaller caller, String post) {
        caller.queued = true;
        for (String group : caller.groups) {
            byGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(caller);
        }
        if (post != null) {
            byPost.computeIfAbsent(post, p -> new TreeSet<>()).add(caller);
        }
    }

    /** Holds the caller for their first-asker agent. */
    void holdForFirstAsker(QueuedCaller caller) {
        caller.heldForFirstAsker = true;
        forAgent.computeIfAbsent(caller.firstAsker, a -> new TreeSet<>()).add(caller);
    }

    /** Takes the caller out of every queue (they stay known). */
    void unqueue(QueuedCaller caller) {
        if (caller.queued) {
            for (String group : caller.groups) {
                removeFrom(byGroup, group, caller);
            }
            if (caller.post != null) {
                removeFrom(byPost, caller.post, caller);
            }
            caller.queued = false;
        }
        if (caller.heldForFirstAsker) {
            removeFrom(forAgent, caller.firstAsker, caller);
            caller.heldForFirstAsker = false;
        }
    }

    QueuedCaller firstInGroup(String group, Predicate<QueuedCaller> passes) {
        return first(byGroup.get(group), passes);
    }

    QueuedCaller firstAtPost(String post, Predicate<QueuedCaller> passes) {
        return first(byPost.get(post), passes);
    }

    QueuedCaller firstHeldFor(String workNumber, Predicate<QueuedCaller> passes) {
        return first(forAgent.get(workNumber), passes);
    }

    /** The caller's place among those waiting for their group: 1 is next. 0 when not known. */
    int position(String callId) {
        QueuedCaller caller = callers.get(callId);
        if (caller == null) {
            return 0;
        }
        if (caller.heldForFirstAsker) {
            return 1;
        }
        NavigableSet<QueuedCaller> queue = byGroup.get(caller.group);
        return queue == null || !queue.contains(caller) ? 1 : queue.headSet(caller, false).size() + 1;
    }

    boolean anyWaitingFor(String group) {
        NavigableSet<QueuedCaller> queue = byGroup.get(group);
        return queue != null && !queue.isEmpty();
    }

    int count() {
        return callers.size();
    }

    List<String> callIds() {
        return List.copyOf(callers.keySet());
    }

    private static QueuedCaller first(NavigableSet<QueuedCaller> queue, Predicate<QueuedCaller> passes) {
        if (queue != null) {
            for (QueuedCaller caller : queue) {
                if (passes.test(caller)) {
                    return caller;
                }
            }
        }
        return null;
    }

    private static void removeFrom(Map<String, NavigableSet<QueuedCaller>> queues, String key, QueuedCaller caller) {
        NavigableSet<QueuedCaller> queue = queues.get(key);
        if (queue != null) {
            queue.remove(caller);
            if (queue.isEmpty()) {
                queues.remove(key);
            }
        }
    }
}
