package org.hotline12333.supervision;

import java.util.Optional;
import org.hotline12333.call.CallHolders;
import org.hotline12333.cluster.CommandReply;
import org.hotline12333.cluster.InstanceCommands;
import org.hotline12333.telephony.SpyMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitoring starts on the instance holding the call, wherever the supervisor's request arrived: the session then
 * ends with the call there, as on one instance. (Changing or stopping a session needs no forwarding: AMI and the
 * session's row, which every instance reaches, are all they use.)
 */
@Component
class MonitorRelay {

    static final String KIND = "monitor";

    private final InstanceCommands commands;
    private final CallHolders holders;
    private final Monitoring monitoring;
    private final JsonMapper json;

    record Start(String supervisor, String callId, SpyMode mode) {
    }

    MonitorRelay(InstanceCommands commands, CallHolders holders, Monitoring monitoring, JsonMapper json) {
        this.commands = commands;
        this.holders = holders;
        this.monitoring = monitoring;
        this.json = json;
        commands.register(KIND, this::handle);
    }

    ResponseEntity<?> start(Start start) {
        Optional<String> holder = holders.elsewhere(start.callId());
        if (holder.isPresent()) {
            return commands.send(holder.get(), KIND, json.writeValueAsString(start), start.supervisor()).toResponse();
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(monitoring.start(start.supervisor(), start.callId(), start.mode()));
    }

    private CommandReply handle(String payload, String requestedBy) {
        Start start = json.readValue(payload, Start.class);
        try {
            MonitorView view = monitoring.start(start.supervisor(), start.callId(), start.mode());
            return new CommandReply(201, json.writeValueAsString(view));
        } catch (Monitoring.NoSuchCall e) {
            return CommandReply.problem(404, e.getMessage());
        } catch (Monitoring.NotNow e) {
            return CommandReply.problem(409, e.getMessage());
        } catch (Monitoring.PbxFailed e) {
            return CommandReply.problem(502, "Asterisk: " + e.getMessage());
        }
    }
}
