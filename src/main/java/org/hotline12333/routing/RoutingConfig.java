package org.hotline12333.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Skill groups and posts as configured. Read on every call and changed rarely, so it is immutable: a change
 * replaces the whole configuration, and anyone may read it without a lock.
 */
final class RoutingConfig {

    static final RoutingConfig EMPTY = new RoutingConfig(List.of(), List.of());

    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Post> posts = new HashMap<>();
    private final Map<String, List<Post>> postsByAgent = new HashMap<>();
    private final Duration longestWrapUp;

    RoutingConfig(List<Group> groups, List<Post> posts) {
        groups.forEach(g -> this.groups.put(g.code(), g));
        posts.forEach(p -> this.posts.put(p.code(), p));
        for (Post post : this.posts.values()) {
            for (String agent : new String[] {post.a(), post.b()}) {
                if (agent != null) {
                    postsByAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(post);
                }
            }
        }
        this.longestWrapUp = groups.stream().map(Group::wrapUp).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** A skill group; {@code overflowAfter} null when its callers never overflow. */
    record Group(String code, String name, Duration wrapUp, Duration overflowAfter, List<String> overflowGroups) {

        boolean overflows() {
            return overflowAfter != null && !overflowGroups.isEmpty();
        }
    }

    /** A post (岗位): its primary agent A and backup agent B, either possibly null. */
    record Post(String code, String name, String group, String a, String b) {
    }

    boolean hasGroup(String code) {
        return groups.containsKey(code);
    }

    boolean hasPost(String code) {
        return posts.containsKey(code);
    }

    /** The group, or null. */
    Group group(String code) {
        return groups.get(code);
    }

    /** The post, or null. */
    Post post(String code) {
        return code == null ? null : posts.get(code);
    }

    /** The posts where this agent is A or B. */
    List<Post> postsOf(String workNumber) {
        return postsByAgent.getOrDefault(workNumber, List.of());
    }

    /** The wrap-up time of a group, zero for an unknown one. */
    Duration wrapUp(String group) {
        Group config = groups.get(group);
        return config == null ? Duration.ZERO : config.wrapUp();
    }

    /** The longest wrap-up of any group: after that, an agent found in wrap-up with no timer is READY again. */
    Duration longestWrapUp() {
        return longestWrapUp;
    }
}
