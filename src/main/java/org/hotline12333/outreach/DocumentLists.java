package org.hotline12333.outreach;

import java.util.List;
import java.util.Objects;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.CaseOutreach;
import org.hotline12333.knowledge.Knowledge;
import org.hotline12333.knowledge.KnowledgeArticle;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * 一次性告知 by text message: the documents of the knowledge base article the agent used, sent to the caller of the
 * agent's call (the one they are on, else the last one they answered, or one of theirs they name). The number comes from
 * the call record; only a supervisor may send it to another number. A call belonging to a confidential case (保密) gets
 * no text message: the list is read out instead.
 */
@Service
class DocumentLists {

    /** Who asks. */
    record Sender(String username, boolean supervisor) {
    }

    /** @param number masked; {@code editable}: only a supervisor sends to another number */
    record Recipient(String callId, String number, boolean editable) {
    }

    private final Outbox outbox;
    private final SmsTemplates templates;
    private final Knowledge knowledge;
    private final Agents agents;
    private final CallRecords records;
    private final CaseOutreach cases;

    DocumentLists(Outbox outbox, SmsTemplates templates, Knowledge knowledge, Agents agents, CallRecords records,
                  CaseOutreach cases) {
        this.outbox = outbox;
        this.templates = templates;
        this.knowledge = knowledge;
        this.agents = agents;
        this.records = records;
        this.cases = cases;
    }

    long send(Sender sender, String articleCode, String callId, String number) {
        if (articleCode == null || articleCode.isBlank()) {
            throw bad("article: which knowledge base article's document list to send");
        }
        AgentView agent = agents.ofUser(sender.username()).orElse(null);
        CallSummary call = call(sender, agent, callId, number);
        String to = number;
        if (call != null) {
            boolean other = number != null && !number.isBlank()
                    && !Objects.equals(MobileNumbers.normal(number), MobileNumbers.normal(call.callerNumber()));
            if (other && !sender.supervisor()) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "number: the list goes to the caller of call "
                        + call.id() + "; only a supervisor sends it to another number");
            }
            to = other ? number : call.callerNumber();
            List<CaseOutreach.Contact> confidential = cases.ofCall(call.id()).stream()
                    .filter(CaseOutreach.Contact::confidential).toList();
            if (!confidential.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "call " + call.id() + " belongs to "
                        + "confidential case " + confidential.get(0).number() + " (保密): no text message goes to its "
                        + "caller; read the list out");
            }
        }
        String mobile = MobileNumbers.mobile(to, "number");
        outbox.refuseStopped(mobile);
        KnowledgeArticle article = knowledge.open(articleCode.strip(), call == null ? null : call.id(),
                sender.username(), agent == null ? null : agent.workNumber());
        if (article.documents().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "article " + article.code() + " (" + article.title()
                    + ") lists no documents to bring: there is nothing to send");
        }
        String text = templates.checked(templates.documentList(article.title(), article.documents()),
                "the document list of " + article.code());
        String caseNumber = call == null ? null : cases.ofCall(call.id()).stream().findFirst()
                .map(CaseOutreach.Contact::number).orElse(null);
        return outbox.queue(new OutboxStore.NewMessage(SmsPurpose.DOCUMENT_LIST, mobile, text,
                call == null ? null : call.id(), caseNumber, article.code(), article.version(), sender.username()));
    }

    Recipient recipient(Sender sender, String callId) {
        CallSummary call = call(sender, agents.ofUser(sender.username()).orElse(null), callId, sender.supervisor()
                ? "any" : null);
        return call == null ? new Recipient(null, null, sender.supervisor())
                : new Recipient(call.id(), org.hotline12333.privacy.Mask.phone(call.callerNumber()), sender.supervisor());
    }

    /** The call named (one of the agent's, unless a supervisor), else the agent's present or last answered call. */
    private CallSummary call(Sender sender, AgentView agent, String callId, String number) {
        if (callId != null && !callId.isBlank()) {
            CallSummary call = records.find(callId.strip()).orElseThrow(() -> bad("callId: no call " + callId.strip()));
            if (!sender.supervisor() && (agent == null || !took(agent.workNumber(), call))) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "call " + call.id() + " is not yours: an agent "
                        + "sends the list to the callers of their own calls");
            }
            return call;
        }
        if (agent != null) {
            if (agent.callId() != null) {
                var present = records.find(agent.callId());
                if (present.isPresent()) {
                    return present.get();
                }
            }
            var last = records.answeredBy(agent.workNumber(), 1).stream().findFirst();
            if (last.isPresent()) {
                return last.get();
            }
        }
        if (sender.supervisor() && number != null && !number.isBlank()) {
            return null;
        }
        throw new ResponseStatusException(HttpStatus.CONFLICT, "user '" + sender.username() + "' has no call whose "
                + "caller could get the list" + (sender.supervisor() ? "; a supervisor may name a number" : ""));
    }

    private boolean took(String workNumber, CallSummary call) {
        return call.routing() != null && workNumber.equals(call.routing().agent())
                || records.legs(call.id()).stream().map(CallLegView::agent).anyMatch(workNumber::equals);
    }

    private static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
