package org.hotline12333.routing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Skill groups, agents and posts: created and changed by administrators (REST) or the development seed. Every
 * change bumps the configuration version, so every instance reloads it.
 */
@Service
class RoutingAdmin {

    private final JdbcClient db;
    private final AgentStore store;
    private final RoutingSync sync;
    private final PasswordEncoder passwords;
    private final DialStrings dialStrings;
    private final StaffPhones phones;

    private final Clock clock;

    RoutingAdmin(JdbcClient db, AgentStore store, RoutingSync sync, PasswordEncoder passwords,
                 DialStrings dialStrings, StaffPhones phones, Clock clock) {
        this.db = db;
        this.store = store;
        this.sync = sync;
        this.clock = clock;
        this.passwords = passwords;
        this.dialStrings = dialStrings;
        this.phones = phones;
    }

    /** A skill group (业务组); overflow goes to {@code overflowTo} after {@code overflowAfter} of waiting. */
    record GroupSpec(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}", message = "lower-case letters, digits and '-'") String code,
                     @NotBlank String name, Duration wrapUp, Duration overflowAfter, List<String> overflowTo) {
    }

    /** An agent; {@code pin} is only given to set or change it, never returned. */
    record AgentSpec(@NotBlank @Pattern(regexp = "[0-9]{2,16}", message = "2 to 16 digits (keyed in on the phone)") String workNumber,
                     @NotBlank String name, @NotBlank String endpoint, String node, String username,
                     @Pattern(regexp = "[0-9]{4,12}", message = "4 to 12 digits") String pin,
                     Map<String, @Min(1) Integer> skills) {
    }

    record PostSpec(@NotBlank String code, @NotBlank String name, @NotBlank String group, String a, String b) {
    }

    static class BadConfiguration extends RuntimeException {
        BadConfiguration(String message) {
            super(message);
        }
    }

    @Transactional
    public void putGroup(GroupSpec group) {
        List<String> overflow = group.overflowTo() == null ? List.of() : group.overflowTo();
        for (String target : overflow) {
            if (!target.equals(group.code()) && !exists("skill_group", "code", target)) {
                throw new BadConfiguration("overflow group '" + target + "' does not exist");
            }
        }
        int wrapUp = group.wrapUp() == null ? 30 : (int) group.wrapUp().toSeconds();
        Integer overflowAfter = group.overflowAfter() == null ? null : (int) group.overflowAfter().toSeconds();
        String overflowList = overflow.isEmpty() ? null : String.join(",", overflow);
        if (exists("skill_group", "code", group.code())) {
            db.sql("UPDATE skill_group SET name = ?, wrap_up_seconds = ?, overflow_after_seconds = ?, overflow_groups = ?"
                    + " WHERE code = ?").params(group.name(), wrapUp, overflowAfter, overflowList, group.code()).update();
        } else {
            db.sql("INSERT INTO skill_group (code, name, wrap_up_seconds, overflow_after_seconds, overflow_groups)"
                    + " VALUES (?, ?, ?, ?, ?)").params(group.code(), group.name(), wrapUp, overflowAfter, overflowList)
                    .update();
        }
        changed();
    }

    @Transactional
    public void putAgent(AgentSpec agent, String defaultNode) {
        dialStrings.phone(agent.endpoint());
        Map<String, Integer> skills = agent.skills() == null ? Map.of() : agent.skills();
        for (String group : skills.keySet()) {
            if (!exists("skill_group", "code", group)) {
                throw new BadConfiguration("skill group '" + group + "' does not exist");
            }
        }
        String node = agent.node() == null || agent.node().isBlank() ? defaultNode : agent.node();
        String pinHash = agent.pin() == null ? null : passwords.encode(agent.pin());
        String username = agent.username() == null || agent.username().isBlank() ? null : agent.username();
        if (exists("agent", "work_number", agent.workNumber())) {
            db.sql("UPDATE agent SET name = ?, endpoint = ?, node = ?, username = ?,"
                    + " pin_hash = COALESCE(?, pin_hash), version = version + 1 WHERE work_number = ?")
                    .params(agent.name(), agent.endpoint(), node, username, pinHash, agent.workNumber()).update();
        } else {
            db.sql("INSERT INTO agent (work_number, name, endpoint, node, username, pin_hash, state, state_since)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'LOGGED_OUT', ?)")
                    .params(agent.workNumber(), agent.name(), agent.endpoint(), node, username, pinHash,
                            AgentStore.ts(clock.instant())).update();
        }
        phones.add(node, agent.endpoint());
        db.sql("DELETE FROM agent_skill WHERE work_number = ?").param(agent.workNumber()).update();
        skills.forEach((group, level) -> db.sql("INSERT INTO agent_skill (work_number, group_code, level) VALUES (?, ?, ?)")
                .params(agent.workNumber(), group, level).update());
        changed();
    }

    @Transactional
    public void putPost(PostSpec post) {
        if (!exists("skill_group", "code", post.group())) {
            throw new BadConfiguration("skill group '" + post.group() + "' does not exist");
        }
        for (String agent : new String[] {post.a(), post.b()}) {
            if (agent != null && !exists("agent", "work_number", agent)) {
                throw new BadConfiguration("agent '" + agent + "' does not exist");
            }
        }
        if (exists("post", "code", post.code())) {
            db.sql("UPDATE post SET name = ?, skill_group = ?, a_agent = ?, b_agent = ? WHERE code = ?")
                    .params(post.name(), post.group(), post.a(), post.b(), post.code()).update();
        } else {
            db.sql("INSERT INTO post (code, name, skill_group, a_agent, b_agent) VALUES (?, ?, ?, ?, ?)")
                    .params(post.code(), post.name(), post.group(), post.a(), post.b()).update();
        }
        changed();
    }

    /** Removes an agent who is logged out; their history stays. */
    @Transactional
    public boolean deleteAgent(String workNumber) {
        int deleted = db.sql("DELETE FROM agent WHERE work_number = ? AND state = 'LOGGED_OUT'").param(workNumber).update();
        if (deleted == 0 && exists("agent", "work_number", workNumber)) {
            throw new BadConfiguration("agent '" + workNumber + "' is logged in; log them out first");
        }
        changed();
        return deleted == 1;
    }

    @Transactional(readOnly = true)
    public List<GroupSpec> groups() {
        List<GroupSpec> groups = new ArrayList<>();
        for (RoutingConfig.Group group : store.groups()) {
            groups.add(new GroupSpec(group.code(), group.name(), group.wrapUp(), group.overflowAfter(),
                    group.overflowGroups()));
        }
        return groups;
    }

    @Transactional(readOnly = true)
    public List<PostSpec> posts() {
        return store.posts().stream()
                .map(p -> new PostSpec(p.code(), p.name(), p.group(), p.a(), p.b())).toList();
    }

    @Transactional(readOnly = true)
    public boolean empty() {
        return db.sql("SELECT COUNT(*) FROM skill_group").query(Long.class).single() == 0;
    }

    /** Every instance (this one once the transaction has committed) reloads the configuration. */
    private void changed() {
        store.bumpConfigVersion();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sync.sync();
                }
            });
        } else {
            sync.sync();
        }
    }

    private boolean exists(String table, String column, String value) {
        if (!Set.of("skill_group", "agent", "post").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return db.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(value)
                .query(Long.class).single() > 0;
    }
}
