package org.hotline12333.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A case as stored. Its steps go through {@link CaseMachine}; what happened is in {@link CaseHistory}. */
@Entity
@Table(name = "hotline_case")
class CaseRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "case_number", nullable = false, unique = true)
    private String number;
    @Enumerated(EnumType.STRING)
    private CaseKind kind;
    private String classification;
    private String summary;
    private String details;
    @Column(name = "caller_number")
    private String callerNumber;
    @Column(name = "caller_name")
    private String callerName;
    @Column(name = "id_number")
    private String idNumber;
    private boolean urgent;
    private boolean confidential;
    @Enumerated(EnumType.STRING)
    @Column(name = "complaint_about")
    private ComplaintAbout complaintAbout;
    @Column(name = "complained_agent")
    private String complainedAgent;
    private String owner;
    @Column(name = "department_code")
    private String department;
    @Enumerated(EnumType.STRING)
    private CaseState state;
    @Column(name = "registered_at")
    private Instant registeredAt;
    @Column(name = "handed_off_at")
    private Instant handedOffAt;
    @Column(name = "signed_for_at")
    private Instant signedForAt;
    @Column(name = "replied_at")
    private Instant repliedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "sign_for_due")
    private Instant signForDue;
    @Column(name = "finish_due")
    private Instant finishDue;
    private String reply;
    private String answer;
    @Enumerated(EnumType.STRING)
    private CaseResult result;
    @Column(name = "returned_count")
    private int returnedCount;
    @Column(name = "reopened_count")
    private int reopenedCount;
    @Enumerated(EnumType.STRING)
    @Column(name = "reply_notice")
    private ReplyNotice replyNotice = ReplyNotice.CALLBACK;
    @Enumerated(EnumType.STRING)
    @Column(name = "return_visit")
    private org.hotline12333.call.Satisfaction returnVisit;
    @Column(name = "return_visit_at")
    private Instant returnVisitAt;
    @Version
    private long version;

    protected CaseRecord() {
    }

    /** What the agent says the matter is, taken from a call. */
    record Matter(CaseKind kind, String classification, String summary, String details, String callerNumber,
                  String callerName, String maskedIdNumber, boolean urgent, boolean confidential,
                  ComplaintAbout complaintAbout, String complainedAgent) {
    }

    CaseRecord(String number, Matter matter, String owner, Instant registeredAt, Instant finishDue) {
        this.number = number;
        this.kind = matter.kind();
        this.classification = matter.classification();
        this.summary = matter.summary();
        this.details = matter.details();
        this.callerNumber = matter.callerNumber();
        this.callerName = matter.callerName();
        this.idNumber = matter.maskedIdNumber();
        this.urgent = matter.urgent();
        this.confidential = matter.confidential();
        this.complaintAbout = matter.complaintAbout();
        this.complainedAgent = matter.complainedAgent();
        this.owner = owner;
        this.state = CaseState.REGISTERED;
        this.registeredAt = registeredAt;
        this.finishDue = finishDue;
    }

    /** Takes the step (or refuses it with 409); returns the state it was in. */
    CaseState step(CaseMachine.Step step) {
        CaseState before = state;
        state = CaseMachine.next(number, state, step);
        return before;
    }

    void handedOff(String department, Instant at, Instant signForDue) {
        this.department = department;
        this.handedOffAt = at;
        this.signForDue = signForDue;
        this.signedForAt = null;
    }

    void signedFor(Instant at) {
        this.signedForAt = at;
    }

    void returned() {
        this.returnedCount++;
    }

    void replied(String text, CaseResult result, Instant at) {
        this.reply = text;
        this.result = result;
        this.repliedAt = at;
    }

    void closed(String answer, CaseResult result, Instant at) {
        this.answer = answer;
        this.result = result;
        this.closedAt = at;
    }

    void reopened(Instant finishDue) {
        this.reopenedCount++;
        this.finishDue = finishDue;
        this.reply = null;
        this.repliedAt = null;
    }

    void finishDue(Instant due) {
        this.finishDue = due;
    }

    void signForDue(Instant due) {
        this.signForDue = due;
    }

    void owner(String workNumber) {
        this.owner = workNumber;
    }

    /** Whether a deadline has passed with the work it sets still to do. */
    boolean overdue(Instant now) {
        return (state == CaseState.HANDED_OFF && signForDue != null && signForDue.isBefore(now))
                || (state.running() && finishDue.isBefore(now));
    }

    /**
     * The deadline that runs now: signing for while handed off (or finishing, when that comes first), else
     * finishing; none once replied or closed.
     */
    Instant nextDue() {
        if (!state.running()) {
            return null;
        }
        return state == CaseState.HANDED_OFF && signForDue != null && signForDue.isBefore(finishDue) ? signForDue
                : finishDue;
    }

    Long id() {
        return id;
    }

    String number() {
        return number;
    }

    CaseKind kind() {
        return kind;
    }

    String classification() {
        return classification;
    }

    String summary() {
        return summary;
    }

    String details() {
        return details;
    }

    String callerNumber() {
        return callerNumber;
    }

    String callerName() {
        return callerName;
    }

    String idNumber() {
        return idNumber;
    }

    boolean urgent() {
        return urgent;
    }

    boolean confidential() {
        return confidential;
    }

    ComplaintAbout complaintAbout() {
        return complaintAbout;
    }

    String complainedAgent() {
        return complainedAgent;
    }

    String owner() {
        return owner;
    }

    String department() {
        return department;
    }

    CaseState state() {
        return state;
    }

    Instant registeredAt() {
        return registeredAt;
    }

    Instant handedOffAt() {
        return handedOffAt;
    }

    Instant signedForAt() {
        return signedForAt;
    }

    Instant repliedAt() {
        return repliedAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    Instant signForDue() {
        return signForDue;
    }

    Instant finishDue() {
        return finishDue;
    }

    String reply() {
        return reply;
    }

    String answer() {
        return answer;
    }

    CaseResult result() {
        return result;
    }

    int returnedCount() {
        return returnedCount;
    }

    ReplyNotice replyNotice() {
        return replyNotice;
    }

    void replyNotice(ReplyNotice notice) {
        this.replyNotice = notice == null ? ReplyNotice.CALLBACK : notice;
    }

    org.hotline12333.call.Satisfaction returnVisit() {
        return returnVisit;
    }

    Instant returnVisitAt() {
        return returnVisitAt;
    }

    void returnVisit(org.hotline12333.call.Satisfaction answer, Instant at) {
        this.returnVisit = answer;
        this.returnVisitAt = at;
    }

    int reopenedCount() {
        return reopenedCount;
    }
}
