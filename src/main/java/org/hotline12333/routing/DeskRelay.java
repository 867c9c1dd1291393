package org.hotline12333.routing;

import java.util.Optional;
import org.hotline12333.call.CallHolders;
import org.hotline12333.cluster.CommandReply;
import org.hotline12333.cluster.InstanceCommands;
import org.hotline12333.telephony.PbxActionException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent's transfer or three-way call acts on their caller's call, which lives on the instance holding the
 * caller's AGI session. When the agent's request reaches another instance it is forwarded there
 * ({@link InstanceCommands}) and the agent gets that instance's answer, as if they had reached it.
 */
@Component
class DeskRelay {

    static final String KIND = "desk";

    private final InstanceCommands commands;
    private final CallHolders holders;
    private final AgentStore store;
    private final Transfers transfers;
    private final JsonMapper json;

    /**
     * One of the agent's actions on their call.
     *
     * @param action BLIND, ATTENDED, COMPLETE, CANCEL or THREE_WAY
     */
    record Action(String agent, Kind action, String targetAgent, String post, String group, String extension,
                  String number) {
        enum Kind { BLIND, ATTENDED, COMPLETE, CANCEL, THREE_WAY }
    }

    DeskRelay(InstanceCommands commands, CallHolders holders, AgentStore store, Transfers transfers, JsonMapper json) {
        this.commands = commands;
        this.holders = holders;
        this.store = store;
        this.transfers = transfers;
        this.json = json;
        commands.register(KIND, this::handle);
    }

    /** Runs the action here, or on the instance holding the agent's call; 202 once it is under way. */
    ResponseEntity<?> run(Action action, String username) {
        Optional<String> holder = store.agent(action.agent()).map(AgentStore.AgentRow::callId)
                .flatMap(holders::elsewhere);
        if (holder.isPresent()) {
            return commands.send(holder.get(), KIND, json.writeValueAsString(action), username).toResponse();
        }
        perform(action);
        return ResponseEntity.accepted().build();
    }

    private void perform(Action action) {
        Transfers.Target target = new Transfers.Target(action.targetAgent(), action.post(), action.group());
        switch (action.action()) {
            case BLIND -> transfers.blind(action.agent(), target);
            case ATTENDED -> transfers.attended(action.agent(), target);
            case COMPLETE -> transfers.complete(action.agent());
            case CANCEL -> transfers.cancel(action.agent());
            case THREE_WAY -> transfers.threeWay(action.agent(), action.extension(), action.number());
        }
    }

    /** On the holding instance: the same answers the desk's own endpoints give. */
    private CommandReply handle(String payload, String username) {
        try {
            perform(json.readValue(payload, Action.class));
            return new CommandReply(202, "");
        } catch (AgentDesk.NotNow e) {
            return CommandReply.problem(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandReply.problem(400, e.getMessage());
        } catch (PbxActionException e) {
            return CommandReply.problem(503, e.getMessage());
        }
    }
}
