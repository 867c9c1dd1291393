package org.hotline12333.cases;

/** What a complaint is about. A complaint about staff links the call in question and sends it to quality review. */
enum ComplaintAbout {
    /** 政策 */
    POLICY,
    /** 部门: a department or office */
    DEPARTMENT,
    /** 工作人员: a member of staff, e.g. the agent of an earlier call */
    STAFF
}
