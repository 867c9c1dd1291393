package org.hotline12333.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is acting on cases: a member of staff (with their agent's work number when they are one, and whether they are
 * a supervisor) or a department's user (with their department).
 */
record Actor(String username, boolean supervisor, String workNumber, String department) {

    boolean isDepartment() {
        return department != null;
    }

    /** 403 unless this is the case's owner (首问负责) or a supervisor. */
    void mustOwnOrSupervise(CaseRecord c, String toDo) {
        if (!supervisor && !c.owner().equals(workNumber)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "case " + c.number() + " is owned by agent "
                    + c.owner() + " (首问负责): only they or a supervisor may " + toDo + " it");
        }
    }

    /** 404 (as if it did not exist) unless the case is with this user's department. */
    void mustBeDepartmentOf(CaseRecord c) {
        if (!isDepartment() || !department.equals(c.department())) {
            throw notFound(c.number());
        }
    }

    static ResponseStatusException notFound(String number) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no case " + number);
    }
}
