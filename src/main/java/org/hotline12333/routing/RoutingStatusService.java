package org.hotline12333.routing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class RoutingStatusService implements RoutingStatus {

    private final AgentViews views;
    private final AgentStore store;
    private final LockedRouter router;
    private final Waiters waiters;

    RoutingStatusService(AgentViews views, AgentStore store, LockedRouter router, Waiters waiters) {
        this.views = views;
        this.store = store;
        this.router = router;
        this.waiters = waiters;
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
        for (String callId : router.waitingCallIds()) {
            Waiter waiter = waiters.ofCall(callId);
            if (waiter != null && waiter.agent == null) {
                waiting.add(new WaitingCaller(callId, waiter.request.skillGroup(), waiter.request.priority(),
                        waiter.queuedAt, router.position(callId)));
            }
        }
        return waiting;
    }
}
