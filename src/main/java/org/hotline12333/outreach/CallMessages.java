package org.hotline12333.outreach;

import java.util.List;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** The text messages sent to the caller of a call, with their delivery state: for the desk's call history. */
@Service
public class CallMessages {

    private final Outbox outbox;
    private final CallRecords records;
    private final Agents agents;

    CallMessages(Outbox outbox, CallRecords records, Agents agents) {
        this.outbox = outbox;
        this.records = records;
        this.agents = agents;
    }

    /** For a reader who may open the call already (the desk checks). */
    public List<SmsView> ofCall(String callId) {
        return outbox.search(null, null, null, callId, null, null, 50);
    }

    List<SmsView> of(String callId, String username, boolean supervisor) {
        CallSummary call = records.find(callId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no call " + callId));
        String workNumber = agents.ofUser(username).map(AgentView::workNumber).orElse(null);
        boolean mine = workNumber != null && (call.routing() != null && workNumber.equals(call.routing().agent())
                || records.legs(callId).stream().map(CallLegView::agent).anyMatch(workNumber::equals));
        if (!supervisor && !mine) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "call " + callId + " is not yours: an agent sees "
                    + "the messages of the calls they took");
        }
        return ofCall(callId);
    }
}
