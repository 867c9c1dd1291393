package org.hotline12333.cases;

/**
 * Where a case is. REGISTERED → HANDED_OFF → SIGNED_FOR or RETURNED → REPLIED → CLOSED; or REGISTERED → CLOSED on the
 * call; CLOSED → REOPENED when the caller is not satisfied. {@link CaseMachine} holds every allowed step.
 */
public enum CaseState {
    REGISTERED("已登记"),
    HANDED_OFF("已交办"),
    SIGNED_FOR("已签收"),
    RETURNED("已退回"),
    REPLIED("已答复"),
    CLOSED("已办结"),
    REOPENED("重新办理");

    private final String chinese;

    CaseState(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Work still to be done on it, so its finishing deadline runs. */
    boolean running() {
        return this != REPLIED && this != CLOSED;
    }
}
