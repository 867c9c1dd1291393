package org.hotline12333.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.alert.AlertView;
import org.hotline12333.routing.SkillMove;

/**
 * One change of the floor, as sent on the event stream: {@link #type()} is the SSE event name, {@link #data()} what
 * is sent as its JSON.
 */
sealed interface FloorChange {

    /** Sent to a subscriber who fell too far behind, just before their stream ends. */
    FloorChange RESYNC = new Resync("fell too far behind: load the floor again");

    String type();

    Object data();

    /** The whole floor, first on every stream. */
    record Snapshot(FloorSnapshot snapshot) implements FloorChange {
        public String type() {
            return "snapshot";
        }

        public Object data() {
            return snapshot;
        }
    }

    /** A call started or changed. */
    record Call(FloorCall call) implements FloorChange {
        public String type() {
            return "call";
        }

        public Object data() {
            return call;
        }
    }

    record CallEnded(String callId) implements FloorChange {
        public String type() {
            return "call-ended";
        }

        public Object data() {
            return Map.of("callId", callId);
        }
    }

    /** An agent's state or configuration changed. */
    record Agent(FloorAgent agent) implements FloorChange {
        public String type() {
            return "agent";
        }

        public Object data() {
            return agent;
        }
    }

    record AgentRemoved(String workNumber) implements FloorChange {
        public String type() {
            return "agent-removed";
        }

        public Object data() {
            return Map.of("workNumber", workNumber);
        }
    }

    /** Every group's waiting callers and agents, when any of it changed. */
    record Groups(List<FloorSnapshot.GroupLive> groups) implements FloorChange {
        public String type() {
            return "groups";
        }

        public Object data() {
            return groups;
        }
    }

    record DayFigures(Figures figures) implements FloorChange {
        public String type() {
            return "figures";
        }

        public Object data() {
            return figures;
        }
    }

    record Cases(FloorSnapshot.Cases cases) implements FloorChange {
        public String type() {
            return "cases";
        }

        public Object data() {
            return cases;
        }
    }

    record Alert(AlertView alert) implements FloorChange {
        public String type() {
            return "alert";
        }

        public Object data() {
            return alert;
        }
    }

    record AlertAcknowledged(long id) implements FloorChange {
        public String type() {
            return "alert-acknowledged";
        }

        public Object data() {
            return Map.of("id", id);
        }
    }

    /** Every Asterisk node's state, when one changed. */
    record Nodes(List<FloorSnapshot.NodeStatus> nodes) implements FloorChange {
        public String type() {
            return "nodes";
        }

        public Object data() {
            return nodes;
        }
    }

    /** A listen / whisper / barge session started or ended. */
    record Monitor(MonitorView session) implements FloorChange {
        public String type() {
            return "monitor";
        }

        public Object data() {
            return session;
        }
    }

    /** A supervisor action recorded, or what came of it. */
    record Action(ActionView action) implements FloorChange {
        public String type() {
            return "action";
        }

        public Object data() {
            return action;
        }
    }

    /** The skill moves in force, when they changed. */
    record SkillMoves(List<SkillMove> moves) implements FloorChange {
        public String type() {
            return "skill-moves";
        }

        public Object data() {
            return moves;
        }
    }

    /** Keeps idle streams open, and tells the page the floor's time. */
    record Heartbeat(Instant at, int subscribers) implements FloorChange {
        public String type() {
            return "heartbeat";
        }

        public Object data() {
            return Map.of("at", at, "subscribers", subscribers);
        }
    }

    record Resync(String reason) implements FloorChange {
        public String type() {
            return "resync";
        }

        public Object data() {
            return Map.of("reason", reason);
        }
    }
}
