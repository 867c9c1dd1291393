package org.hotline12333.cases;

/** What a matter is. Complaints and reports are answered one by one: none is closed without an answer and a result. */
public enum CaseKind {
    /** 咨询: usually answered on the call and closed there (直接办结). */
    ENQUIRY("咨询"),
    /** 求助: a request for help. */
    HELP("求助"),
    /** 投诉: about a policy, a department or a member of staff. */
    COMPLAINT("投诉"),
    /** 举报: a report of wrongdoing (unpaid wages, fraud...). */
    REPORT("举报"),
    /** 建议. */
    SUGGESTION("建议"),
    /** 表扬. */
    PRAISE("表扬");

    private final String chinese;

    CaseKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Whether closing needs a result of the investigation (属实 / 部分属实 / 不属实). */
    public boolean answeredWithFinding() {
        return this == COMPLAINT || this == REPORT;
    }
}
