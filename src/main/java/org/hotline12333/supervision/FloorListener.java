package org.hotline12333.supervision;

import org.hotline12333.alert.AlertRaised;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.SatisfactionRecorded;
import org.hotline12333.ivr.IvrNodeEntered;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.CallQueued;
import org.hotline12333.telephony.PbxEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The application's events, handed to the floor's thread as they happen. Each listener only queues a task: it runs
 * on the publisher's thread (an AGI session, the AMI reader, routing's timers) and must cost it nothing.
 */
@Component
class FloorListener {

    private final Floor floor;
    private final FloorWorker worker;

    FloorListener(Floor floor, FloorWorker worker) {
        this.floor = floor;
        this.worker = worker;
    }

    @EventListener
    void on(CallStarted started) {
        floor.submit(model -> model.callStarted(started.callId(), started.node(), started.uniqueId(),
                started.callerNumber(), started.script(), started.at()));
    }

    @EventListener
    void on(IvrNodeEntered entered) {
        floor.submit(model -> model.ivrNode(entered.callId(), entered.menu(), entered.node(), entered.at()));
    }

    @EventListener
    void on(CallQueued queued) {
        floor.submit(model -> model.queued(queued.callId(), queued.skillGroup(), queued.priority(),
                queued.queuedAt(), queued.at()));
        worker.callsChanged();
    }

    @EventListener
    void on(AgentStateChanged change) {
        floor.submit(model -> {
            if (!model.agentChanged(change)) {
                worker.resyncSoon();
            }
        });
        worker.callsChanged(); // the calls' figures, or the occupancy of agents and groups
    }

    @EventListener
    void on(CallEnded ended) {
        floor.submit(model -> model.callEnded(ended.callId(), ended.at()));
        worker.callsChanged();
    }

    @EventListener
    void on(SatisfactionRecorded rated) {
        worker.callsChanged();
    }

    @EventListener
    void on(AlertRaised raised) {
        floor.submit(model -> model.alertRaised(raised.alert()));
    }

    @EventListener
    void on(PbxEvent.NodeConnected connected) {
        floor.submit(model -> model.node(connected.node(), "UP", "Asterisk " + connected.asteriskVersion(),
                connected.at()));
    }

    @EventListener
    void on(PbxEvent.NodeDisconnected disconnected) {
        floor.submit(model -> model.node(disconnected.node(), "DOWN", disconnected.reason(), disconnected.at()));
    }
}
