package org.hotline12333.cases;

import static org.hotline12333.cases.CaseState.CLOSED;
import static org.hotline12333.cases.CaseState.HANDED_OFF;
import static org.hotline12333.cases.CaseState.REGISTERED;
import static org.hotline12333.cases.CaseState.REOPENED;
import static org.hotline12333.cases.CaseState.REPLIED;
import static org.hotline12333.cases.CaseState.RETURNED;
import static org.hotline12333.cases.CaseState.SIGNED_FOR;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Every step a case may take, from which states, to which. A step from any other state is refused with 409. */
final class CaseMachine {

    private CaseMachine() {
    }

    enum Step {
        HAND_OFF("handed off (交办)", EnumSet.of(REGISTERED, RETURNED, REOPENED), HANDED_OFF),
        SIGN_FOR("signed for (签收)", EnumSet.of(HANDED_OFF), SIGNED_FOR),
        RETURN("returned (退回)", EnumSet.of(HANDED_OFF, SIGNED_FOR), RETURNED),
        REPLY("replied to (答复)", EnumSet.of(SIGNED_FOR), REPLIED),
        CLOSE("closed (办结)", EnumSet.of(REGISTERED, RETURNED, REPLIED, REOPENED), CLOSED),
        REOPEN("reopened (重新办理)", EnumSet.of(CLOSED), REOPENED),
        /** a supervisor hands it to another department (改派) */
        REASSIGN("handed to another department (改派)", EnumSet.of(HANDED_OFF, SIGNED_FOR, RETURNED), HANDED_OFF),
        /** a supervisor grants more time (延期); the state stays */
        EXTEND("extended (延期)", EnumSet.of(REGISTERED, HANDED_OFF, SIGNED_FOR, RETURNED, REOPENED), null),
        /** the department asks a supervisor for more time; the state stays */
        REQUEST_EXTENSION("given an extension request (申请延期)", EnumSet.of(HANDED_OFF, SIGNED_FOR), null);

        private final String done;
        private final Set<CaseState> from;
        private final CaseState to;

        Step(String done, Set<CaseState> from, CaseState to) {
            this.done = done;
            this.from = from;
            this.to = to;
        }
    }

    /** The state after this step, or a 409 saying why the case cannot take it now. */
    static CaseState next(String number, CaseState now, Step step) {
        if (!step.from.contains(now)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "case " + number + " is " + now + " ("
                    + now.chinese() + "): it cannot be " + step.done + " now; only a case that is "
                    + step.from.stream().map(Enum::name).collect(Collectors.joining(" or ")) + " can");
        }
        return step.to == null ? now : step.to;
    }
}
