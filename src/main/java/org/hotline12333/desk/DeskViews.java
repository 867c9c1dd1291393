package org.hotline12333.desk;

import java.time.Instant;
import java.util.List;
import org.hotline12333.knowledge.KnowledgeHit;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.DeskCases;
import org.hotline12333.routing.PauseReason;

/** What the desk page shows, as it is sent on the stream and returned by the desk's endpoints. */
final class DeskViews {

    private DeskViews() {
    }

    /**
     * The agent at the desk.
     *
     * @param phone       the phone Asterisk rings for them
     * @param wrapUpUntil when the wrap-up ends by itself (WRAP_UP only, when known)
     */
    record Agent(String workNumber, String name, String phone, String node, AgentState state, PauseReason pauseReason,
                 Instant stateSince, String callId, boolean reachable, Instant wrapUpUntil) {
    }

    enum Stage { OFFERED, ANSWERED, ENDED }

    /**
     * Who is calling and why, before the agent says hello.
     *
     * @param caller         the caller's number, masked unless hotline.desk.show-full-numbers
     * @param keys           the menu keys pressed ("1-1-0")
     * @param pathWords      the way through the menus in words (社会保险 › 养老保险 › 人工)
     * @param idNumber       the ID number the caller keyed in, masked, when they did
     * @param greenChannel   the green-channel label (绿色通道), when the caller is on the list
     * @param lastSatisfaction the caller's survey answer on their last call that has one
     * @param suggestions    articles for the IVR path, before the agent types anything
     */
    record ScreenPop(String callId, Stage stage, String caller, Instant startedAt, Instant offeredAt,
                     Instant answeredAt, String skillGroup, String chosenBy, String choiceReason, String keys,
                     String pathWords, boolean idVerified, String idNumber, String query, String greenChannel,
                     List<Contact> previousContacts, String lastSatisfaction, List<DeskCases.OpenCase> openCases,
                     List<KnowledgeHit> suggestions) {

        /** The same, answered at that time if the call record does not say so yet (it is written just after). */
        ScreenPop answered(Instant at) {
            return new ScreenPop(callId, Stage.ANSWERED, caller, startedAt, offeredAt,
                    answeredAt != null ? answeredAt : at, skillGroup, chosenBy, choiceReason, keys, pathWords,
                    idVerified, idNumber, query, greenChannel, previousContacts, lastSatisfaction, openCases,
                    suggestions);
        }
    }

    /**
     * An earlier call of the same caller.
     *
     * @param classification the code the call was wrapped up with
     * @param recordingId    its recording, when the agent may play it (their own call; supervisors any)
     */
    record Contact(String callId, Instant at, String agent, String skillGroup, String outcome, String classification,
                   String classificationName, String satisfaction, String recordingId, List<Message> messages) {
    }

    /** A text message sent to the caller about that call (一次性告知, a reply's notice) and where it is. */
    record Message(long id, String purpose, String state, String stateName, Instant at) {
    }

    /**
     * The wrap-up of a call that ended: classify it, and either it was answered on the call or a case is created.
     *
     * @param until        when the wrap-up time runs out (null: no timer)
     * @param caseDefaults what the case form starts with
     */
    record WrapUp(String callId, String caller, Instant endedAt, Instant until, String classification,
                  CaseDefaults caseDefaults) {
    }

    /**
     * @param departmentName the name of the department of the caller's newest open case, if any (the same matter,
     *                       likely)
     */
    record CaseDefaults(String kind, String summary, String departmentName) {
    }

    /** The desk as a page opening finds it: the agent, the call offered or on, the wrap-up waiting. */
    record Snapshot(Agent agent, ScreenPop call, WrapUp wrapUp, Settings settings, Instant at) {
    }

    record Settings(boolean showFullNumbers, int suggestions) {
    }

    /** Where a transfer can go: skill groups and the other agents with their state. */
    record TransferTargets(List<Group> groups, List<Colleague> agents) {
    }

    record Group(String code, String name) {
    }

    record Colleague(String workNumber, String name, AgentState state) {
    }
}
