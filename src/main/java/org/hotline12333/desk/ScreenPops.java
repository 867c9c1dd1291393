package org.hotline12333.desk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.Classification;
import org.hotline12333.cases.Classifications;
import org.hotline12333.ivr.IvrPaths;
import org.hotline12333.ivr.IvrStep;
import org.hotline12333.knowledge.Knowledge;
import org.hotline12333.outreach.CallMessages;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.hotline12333.routing.DeskCases;
import org.springframework.stereotype.Service;

/**
 * Builds what the desk shows about a call from the call record and the features around it: the IVR's findings, the
 * caller's earlier calls and open cases, and articles for the way the caller came.
 */
@Service
class ScreenPops {

    private static final int CONTACTS = 10;

    private final CallRecords records;
    private final DeskCases cases;
    private final Classifications classifications;
    private final IvrPaths ivrPaths;
    private final Knowledge knowledge;
    private final Recordings recordings;
    private final DeskProperties properties;
    private final CallMessages messages;

    ScreenPops(CallRecords records, DeskCases cases, Classifications classifications, IvrPaths ivrPaths,
               Knowledge knowledge, Recordings recordings, DeskProperties properties, CallMessages messages) {
        this.messages = messages;
        this.records = records;
        this.cases = cases;
        this.classifications = classifications;
        this.ivrPaths = ivrPaths;
        this.knowledge = knowledge;
        this.recordings = recordings;
        this.properties = properties;
    }

    DeskViews.ScreenPop of(CallSummary call, DeskViews.Stage stage, CallAccess.Viewer viewer) {
        CallSummary.Routing routing = call.routing();
        Map<String, String> data = routing.callData() == null ? Map.of() : routing.callData();
        List<DeskViews.Contact> contacts = history(call, viewer);
        String lastSatisfaction = contacts.stream().map(DeskViews.Contact::satisfaction)
                .filter(s -> s != null).findFirst().orElse(null);
        return new DeskViews.ScreenPop(call.id(), stage, caller(call.callerNumber()), call.startedAt(),
                routing.queuedAt(), routing.connectedAt(), routing.skillGroup(), routing.chosenBy(),
                routing.choiceReason(), data.get("path"), data.get("pathWords"),
                "true".equalsIgnoreCase(data.get("idVerified")), data.get("idNumber"), data.get("query"),
                data.get("greenChannel"), contacts, lastSatisfaction, cases.openCases(call.callerNumber()),
                knowledge.suggest(ivrNodes(call.id()), null, properties.suggestions()));
    }

    /** The caller's earlier calls, newest first; a recording only where this viewer may play it. */
    List<DeskViews.Contact> history(CallSummary call, CallAccess.Viewer viewer) {
        return records.previousContacts(call.callerNumber(), call.id(), CONTACTS).stream().map(earlier -> {
            CallSummary.Routing r = earlier.routing();
            boolean playable = viewer.supervisor() || viewer.workNumber().equals(r.agent());
            return new DeskViews.Contact(earlier.id(), earlier.startedAt(), r.agent(), r.skillGroup(),
                    r.outcome() == null ? null : r.outcome().name(), r.disposition(), className(r.disposition()),
                    earlier.satisfaction() == null ? null : earlier.satisfaction().name(),
                    playable ? recordings.findByCall(earlier.id()).map(RecordingView::id).orElse(null) : null,
                    messages.ofCall(earlier.id()).stream().map(m -> new DeskViews.Message(m.id(), m.purpose().name(),
                            m.state().name(), m.stateName(), m.createdAt())).toList());
        }).toList();
    }

    /**
     * The wrap-up of an ended call: the timer, and a case form prefilled with the way the caller came and the
     * department of their newest open case. {@code ended}: when the talk ended, if the call record does not say so
     * yet (routing writes it just after the agent goes to wrap-up).
     */
    DeskViews.WrapUp wrapUp(CallSummary call, Instant until, Instant ended) {
        String path = call.routing().callData() == null ? null : call.routing().callData().get("pathWords");
        String summary = path == null ? "" : path.replaceFirst("( › )?人工$", "");
        String department = cases.openCases(call.callerNumber()).stream().map(DeskCases.OpenCase::department)
                .filter(d -> d != null).findFirst().orElse(null);
        Instant endedAt = call.routing().talkEndedAt() != null ? call.routing().talkEndedAt() : ended;
        return new DeskViews.WrapUp(call.id(), caller(call.callerNumber()), endedAt, until,
                call.routing().disposition(), new DeskViews.CaseDefaults("HELP", summary, department));
    }

    /** The last call the agent answered, if any. */
    Optional<String> lastAnswered(String workNumber) {
        return records.answeredBy(workNumber, 1).stream().map(CallSummary::id).findFirst();
    }

    /** Whether a call record has this id (an agent's callback has none). */
    boolean isCall(String callId) {
        return records.find(callId).isPresent();
    }

    /** The IVR nodes the caller went through, in order, each once: what suggestions are made for. */
    List<String> ivrNodes(String callId) {
        return ivrPaths.of(callId).stream().map(IvrStep::node).distinct().toList();
    }

    String caller(String number) {
        return properties.showFullNumbers() || number == null ? number : Mask.phone(number);
    }

    private String className(String code) {
        return code == null ? null : classifications.find(code).map(Classification::name).orElse(null);
    }
}
