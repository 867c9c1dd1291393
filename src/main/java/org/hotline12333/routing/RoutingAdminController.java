package org.hotline12333.routing;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.hotline12333.telephony.AsteriskProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Skill groups, agents and posts for administrators; agents' states, history, the queue and callbacks for supervisors. */
@RestController
@RequestMapping("/api/routing")
class RoutingAdminController {

    private final RoutingAdmin admin;
    private final AgentViews views;
    private final AgentDesk desk;
    private final LockedRouter router;
    private final Callbacks callbacks;
    private final StaffPhones phones;
    private final String defaultNode;

    RoutingAdminController(RoutingAdmin admin, AgentViews views, AgentDesk desk, LockedRouter router,
                           Callbacks callbacks, StaffPhones phones, AsteriskProperties asterisk) {
        this.admin = admin;
        this.views = views;
        this.desk = desk;
        this.router = router;
        this.callbacks = callbacks;
        this.phones = phones;
        this.defaultNode = asterisk.nodes().isEmpty() ? "central" : asterisk.nodes().get(0).name();
    }

    record QueueEntry(String callId, int position) {
    }

    @GetMapping("/groups")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<RoutingAdmin.GroupSpec> groups() {
        return admin.groups();
    }

    @PutMapping("/groups/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    RoutingAdmin.GroupSpec putGroup(@PathVariable String code, @Valid @RequestBody RoutingAdmin.GroupSpec group) {
        same(code, group.code());
        admin.putGroup(group);
        return group;
    }

    @GetMapping("/agents")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<AgentView> agents() {
        return views.all();
    }

    @PutMapping("/agents/{workNumber}")
    @PreAuthorize("hasRole('ADMIN')")
    AgentView putAgent(@PathVariable String workNumber, @Valid @RequestBody RoutingAdmin.AgentSpec agent) {
        same(workNumber, agent.workNumber());
        admin.putAgent(agent, defaultNode);
        return views.of(workNumber);
    }

    @DeleteMapping("/agents/{workNumber}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> deleteAgent(@PathVariable String workNumber) {
        return admin.deleteAgent(workNumber) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @GetMapping("/agents/{workNumber}/history")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<AgentStore.StateChange> history(@PathVariable String workNumber, @RequestParam Instant from,
                                         @RequestParam Instant to) {
        return desk.history(workNumber, from, to);
    }

    @GetMapping("/posts")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<RoutingAdmin.PostSpec> posts() {
        return admin.posts();
    }

    @PutMapping("/posts/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    RoutingAdmin.PostSpec putPost(@PathVariable String code, @Valid @RequestBody RoutingAdmin.PostSpec post) {
        same(code, post.code());
        admin.putPost(post);
        return post;
    }

    /** The phones agents may log in from with *21: every agent's phone, and hot-desk phones added here. */
    @GetMapping("/phones")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<StaffPhones.StaffPhone> phones() {
        return phones.all();
    }

    /** Adds a hot-desk phone ({@code {"endpoint":"PJSIP/1011"}}, node: the first node unless given). */
    @PutMapping("/phones")
    @PreAuthorize("hasRole('ADMIN')")
    StaffPhones.StaffPhone addPhone(@RequestBody StaffPhones.StaffPhone phone) {
        String node = phone.node() == null || phone.node().isBlank() ? defaultNode : phone.node();
        phones.add(node, phone.endpoint());
        return new StaffPhones.StaffPhone(node, phone.endpoint());
    }

    @DeleteMapping("/phones")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> removePhone(@RequestParam String endpoint, @RequestParam(required = false) String node) {
        return phones.remove(node == null || node.isBlank() ? defaultNode : node, endpoint)
                ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /** Callers waiting on this instance, in their order. */
    @GetMapping("/queue")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<QueueEntry> queue() {
        return router.waitingCallIds().stream().map(id -> new QueueEntry(id, router.position(id))).toList();
    }

    @GetMapping("/callbacks")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<Callbacks.Callback> callbacks(@RequestParam(defaultValue = "100") int limit) {
        return callbacks.recent(Math.min(Math.max(limit, 1), 1000));
    }

    private static void same(String path, String body) {
        if (!path.equals(body)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the code in the path and the body differ");
        }
    }

    @ExceptionHandler({RoutingAdmin.BadConfiguration.class, IllegalArgumentException.class})
    ProblemDetail bad(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(AgentDesk.NotNow.class)
    ProblemDetail notNow(AgentDesk.NotNow e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
