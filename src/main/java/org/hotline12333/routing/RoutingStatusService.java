package org.hotline12333.routing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class RoutingStatusService implements RoutingStatus {

    private final AgentViews views;
    private final AgentStore store;
    private final RoutingEngine engine;

    RoutingStatusService(AgentViews views, AgentStore store, RoutingEngine engine) {
        this.views = views;
        this.store = store;
        this.engine = engine;
    }

    @Override
    public List<AgentView> agents() {
        return views.all();
    }

    @Override
    public List<SkillGroup> skillGroups() {
        return store.groups().stream().map(group -> new SkillGroup(group.code(), group.name())).toList();
    }

    @Override
    public List<WaitingCaller> waiting() {
        List<WaitingCaller> waiting = new ArrayList<>();
        for (String callId : engine.waitingCallIds()) {
            Waiter waiter = engine.waiter(callId);
            if (waiter != null && waiter.agent == null) {
                waiting.add(new WaitingCaller(callId, waiter.request.skillGroup(), waiter.request.priority(),
                        waiter.queuedAt, engine.position(callId)));
            }
        }
        return waiting;
    }
}
