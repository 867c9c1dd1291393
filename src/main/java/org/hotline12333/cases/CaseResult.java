package org.hotline12333.cases;

import java.util.EnumSet;
import java.util.Set;

/** The result a case is answered with. Complaints and reports need a finding; other kinds may say how it ended. */
enum CaseResult {
    SUBSTANTIATED("属实"),
    PARTLY_SUBSTANTIATED("部分属实"),
    NOT_SUBSTANTIATED("不属实"),
    RESOLVED("已解决"),
    EXPLAINED("已解释说明"),
    UNRESOLVED("未解决");

    static final Set<CaseResult> FINDINGS = EnumSet.of(SUBSTANTIATED, PARTLY_SUBSTANTIATED, NOT_SUBSTANTIATED);

    private final String chinese;

    CaseResult(String chinese) {
        this.chinese = chinese;
    }

    String chinese() {
        return chinese;
    }

    /** Null when this result suits the kind, else why not. */
    static String unsuitable(CaseKind kind, CaseResult result) {
        if (kind.answeredWithFinding()) {
            return result == null || !FINDINGS.contains(result)
                    ? "a " + kind.name().toLowerCase() + " (" + kind.chinese() + ") needs a result of "
                            + "SUBSTANTIATED, PARTLY_SUBSTANTIATED or NOT_SUBSTANTIATED (属实 / 部分属实 / 不属实)"
                    : null;
        }
        return result != null && FINDINGS.contains(result)
                ? "result " + result + " is for complaints and reports; use RESOLVED, EXPLAINED or UNRESOLVED" : null;
    }
}
