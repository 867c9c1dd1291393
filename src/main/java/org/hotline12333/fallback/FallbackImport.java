package org.hotline12333.fallback;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.FallbackCall;
import org.hotline12333.call.FallbackCalls;
import org.hotline12333.recording.FallbackRecordings;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.RoutingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes in the calls Asterisk's fallback handled: reads each node's {@code hotline-cdr.csv} on from where it stopped
 * (kept in {@code cdr_import}), and stores every call that went through the fallback and that the service has no
 * record of, with the recording of its conversation. A call the service did see (it gave it up, or an instance died
 * with it) keeps its own record; it only gets the fallback's recording if it had none. Running again, on this instance
 * or another, never imports a call twice: a call is looked up by node and unique id before it is stored. With the
 * clustered job store one instance runs it at a time ({@link FallbackSchedule}).
 */
@Component
class FallbackImport {

    private static final Logger log = LoggerFactory.getLogger(FallbackImport.class);

    private final FallbackProperties properties;
    private final FallbackCalls calls;
    private final FallbackRecordings recordings;
    private final RoutingStatus routing;
    private final JdbcClient db;
    private final Clock clock;

    FallbackImport(FallbackProperties properties, FallbackCalls calls, FallbackRecordings recordings,
                   RoutingStatus routing, JdbcClient db, Clock clock) {
        this.properties = properties;
        this.calls = calls;
        this.recordings = recordings;
        this.routing = routing;
        this.db = db;
        this.clock = clock;
    }

    /** Reads every node's file; returns how many calls were stored. One run at a time in this instance. */
    synchronized int run() {
        int imported = 0;
        for (Map.Entry<String, Path> node : properties.cdrFiles().entrySet()) {
            try {
                imported += run(node.getKey(), node.getValue());
            } catch (IOException | RuntimeException e) {
                log.error("Could not import the fallback's calls of node {} from {}; trying again at the next run",
                        node.getKey(), node.getValue(), e);
            }
        }
        return imported;
    }

    private int run(String node, Path file) throws IOException {
        long size = CdrFile.size(file);
        if (size < 0) {
            log.debug("No call records of node {} at {} yet", node, file);
            return 0;
        }
        long from = db.sql("SELECT read_to FROM cdr_import WHERE node = ? AND file = ?").params(node, file.toString())
                .query(Long.class).optional().orElse(0L);
        if (size < from) {
            log.info("{} is shorter than what was read of it (rotated): reading it from the start", file);
            from = 0;
        }
        CdrFile.Batch batch = CdrFile.read(file, from, clock.instant().minus(properties.settle()));
        Map<String, List<CdrLine>> byCall = new LinkedHashMap<>();
        batch.lines().forEach(line -> byCall.computeIfAbsent(line.linkedId(), id -> new ArrayList<>()).add(line));
        List<AgentView> agents = byCall.isEmpty() ? List.of() : routing.agents();
        int imported = 0;
        for (List<CdrLine> lines : byCall.values()) {
            if (lines.stream().anyMatch(line -> !line.fallback().isBlank()) && take(node, lines, agents)) {
                imported++;
            }
        }
        remember(node, file, batch.readTo());
        if (imported > 0 || batch.malformed() > 0) {
            log.info("Node {}: {} call(s) handled by the fallback imported from {} ({} line(s) passed over)", node,
                    imported, file, batch.malformed());
        }
        return imported;
    }

    /** Stores the call unless it is known, and takes in its recording; returns whether it was new. */
    private boolean take(String node, List<CdrLine> lines, List<AgentView> agents) {
        FallbackCall call = merge(node, lines, agents);
        Optional<String> known = calls.known(node, call.uniqueId());
        String callId = known.or(() -> calls.importCall(call)).or(() -> calls.known(node, call.uniqueId()))
                .orElseThrow();
        String recording = first(lines, CdrLine::recording);
        if (call.outcome() == CallOutcome.ANSWERED && recording != null) {
            try {
                recordings.adopt(new FallbackRecordings.ForCall(callId, node, call.uniqueId(), call.channel(),
                        call.callerNumber(), call.startedAt(), call.endedAt()), recording);
            } catch (IllegalArgumentException e) {
                log.warn("Fallback recording '{}' of call {} not taken in: {}", recording, callId, e.getMessage());
            }
        }
        return known.isEmpty();
    }

    /** One call from its records: the earliest start, the latest end, whatever any of them says about the queue. */
    static FallbackCall merge(String node, List<CdrLine> lines, List<AgentView> agents) {
        String linkedId = lines.get(0).linkedId();
        Instant start = lines.stream().map(CdrLine::start).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("call " + linkedId + " has no start"));
        Instant end = lines.stream().map(CdrLine::end).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(start);
        String channel = lines.stream().filter(line -> line.uniqueId().equals(linkedId)).map(CdrLine::channel)
                .findFirst().orElse(lines.get(0).channel());
        Instant queued = lines.stream().map(CdrLine::queued).filter(Objects::nonNull).findFirst().orElse(null);
        String endpoint = first(lines, CdrLine::answeredBy);
        Integer waited = lines.stream().map(CdrLine::waitedSeconds).filter(Objects::nonNull).findFirst().orElse(null);
        String queueStatus = first(lines, CdrLine::queueStatus);
        CallOutcome outcome = endpoint != null ? CallOutcome.ANSWERED : queued == null ? null
                : queueStatus != null ? CallOutcome.NOT_SERVED : CallOutcome.ABANDONED;
        Instant connected = endpoint == null ? null : queued == null ? start
                : waited == null ? queued : queued.plusSeconds(waited);
        String agent = endpoint == null ? null : agents.stream()
                .filter(a -> endpoint.equalsIgnoreCase(a.endpoint()) && (a.node() == null || a.node().equals(node)))
                .map(AgentView::workNumber).findFirst().orElse(null);
        String how = first(lines, CdrLine::fallback);
        String reason = "handled by Asterisk's fallback (" + how + ") without the service: " + (endpoint != null
                ? "answered by " + endpoint + (agent != null ? " (agent " + agent + ")" : "")
                + (waited != null ? " after " + waited + " s in the queue" : "")
                : queueStatus != null ? "nobody answered (" + queueStatus + ")"
                : queued != null ? "the caller hung up while waiting" : "the caller hung up before the queue");
        return new FallbackCall(node, linkedId, channel, emptyToNull(lines.get(0).callerNumber()),
                first(lines, CdrLine::dialled), start, queued, connected, agent, end, outcome, reason);
    }

    private void remember(String node, Path file, long readTo) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = db.sql("UPDATE cdr_import SET file = ?, read_to = ?, updated_at = ? WHERE node = ?")
                .params(file.toString(), readTo, now, node).update();
        if (updated == 0) {
            db.sql("INSERT INTO cdr_import (node, file, read_to, updated_at) VALUES (?, ?, ?, ?)")
                    .params(node, file.toString(), readTo, now).update();
        }
    }

    private static String first(List<CdrLine> lines, java.util.function.Function<CdrLine, String> field) {
        return lines.stream().map(field).filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
