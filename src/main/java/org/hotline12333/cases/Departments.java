package org.hotline12333.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.routing.DialStrings;
import org.hotline12333.security.Role;
import org.hotline12333.security.UserView;
import org.hotline12333.security.Users;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The departments that work cases (承办单位) and their users. A user of role DEPARTMENT belongs to one department and
 * sees only its cases; a department that is not active takes no new hand-offs.
 */
@Service
class Departments {

    /**
     * @param phone   the number an agent rings for a three-way call with the department (三方通话); null: none kept
     * @param members usernames of its users (role DEPARTMENT)
     */
    record Department(String code, String name, boolean active, String phone, List<String> members) {
    }

    private final JdbcClient db;
    private final Users users;
    private final DialStrings dialStrings;

    Departments(JdbcClient db, Users users, DialStrings dialStrings) {
        this.db = db;
        this.users = users;
        this.dialStrings = dialStrings;
    }

    List<Department> all() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        db.sql("SELECT * FROM case_department_member ORDER BY username").query((rs, n) -> List.of(
                rs.getString("department_code"), rs.getString("username"))).list()
                .forEach(m -> members.computeIfAbsent(m.get(0), code -> new ArrayList<>()).add(m.get(1)));
        return db.sql("SELECT * FROM case_department ORDER BY code").query((rs, n) -> new Department(
                rs.getString("code"), rs.getString("name"), rs.getBoolean("active"), rs.getString("phone"),
                List.copyOf(members.getOrDefault(rs.getString("code"), List.of())))).list();
    }

    Optional<Department> find(String code) {
        return all().stream().filter(d -> d.code().equals(code)).findFirst();
    }

    /** The department this user works for, if any. */
    Optional<String> of(String username) {
        return db.sql("SELECT department_code FROM case_department_member WHERE username = ?").param(username)
                .query(String.class).optional();
    }

    String name(String code) {
        return code == null ? null : find(code).map(Department::name).orElse(code);
    }

    /** A department a case may be handed to now, or 400 saying why not. */
    Department takingCases(String code) {
        Department department = find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "department: no department '" + code + "' (GET /api/cases/departments lists them)"));
        if (!department.active()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "department: " + code + " ("
                    + department.name() + ") takes no cases now");
        }
        return department;
    }

    boolean none() {
        return db.sql("SELECT COUNT(*) FROM case_department").query(Long.class).single() == 0;
    }

    /**
     * Creates or changes the department; its members become exactly these users (each of role DEPARTMENT; a user in
     * another department moves here). The phone, if any, must be a number the outbound context may ring.
     */
    @Transactional
    Department put(String code, String name, boolean active, String phone, List<String> members) {
        if (phone != null) {
            try {
                dialStrings.outsideNumber(phone);
            } catch (DialStrings.Refused e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "phone: " + e.getMessage());
            }
        }
        for (String member : members) {
            UserView user = users.find(member).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "members: no user '" + member + "'"));
            if (user.role() != Role.DEPARTMENT) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "members: user '" + member + "' is "
                        + user.role() + "; department members have role DEPARTMENT");
            }
        }
        int changed = db.sql("UPDATE case_department SET name = ?, active = ?, phone = ? WHERE code = ?")
                .params(name, active, phone, code).update();
        if (changed == 0) {
            db.sql("INSERT INTO case_department (code, name, active, phone) VALUES (?, ?, ?, ?)")
                    .params(code, name, active, phone).update();
        }
        db.sql("DELETE FROM case_department_member WHERE department_code = ?").param(code).update();
        for (String member : members) {
            db.sql("DELETE FROM case_department_member WHERE username = ?").param(member).update();
            db.sql("INSERT INTO case_department_member (username, department_code) VALUES (?, ?)")
                    .params(member, code).update();
        }
        return find(code).orElseThrow();
    }
}
