package org.hotline12333.supervision;

import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.testkit.Http;

/**
 * Agents for supervision tests, made the way an operator and the agent would: the administrator creates the skill
 * group, the user and the agent over the API; the agent logs in at the desk.
 */
final class FloorAgents {

    private static final AtomicInteger COUNT = new AtomicInteger();
    static final String PASSWORD = "agent-password-1";

    private FloorAgents() {
    }

    /** A new skill group with no wrap-up time (so an agent takes call after call); returns its code. */
    static String group(int port, String slug, String name) {
        String code = "sv" + COUNT.incrementAndGet() + "-" + slug;
        require(admin(port).put("/api/routing/groups/" + code, "{\"code\":\"" + code + "\",\"name\":\"" + name
                + "\",\"wrapUp\":\"PT0S\"}"));
        return code;
    }

    /** A new agent serving these groups, logged in and READY; returns the work number (phone PJSIP/sv<number>). */
    static String ready(int port, String... groups) {
        String workNumber = agent(port, groups);
        require(desk(port, workNumber).post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        return workNumber;
    }

    /** A new agent serving these groups, logged out; returns the work number. */
    static String agent(int port, String... groups) {
        String workNumber = "77" + String.format("%03d", COUNT.incrementAndGet() + (int) (ProcessHandle.current().pid() % 500));
        String username = username(workNumber);
        require(admin(port).post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"AGENT\"}"));
        StringBuilder skills = new StringBuilder();
        for (String group : groups) {
            skills.append(skills.isEmpty() ? "" : ",").append('"').append(group).append("\":5");
        }
        require(admin(port).put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"坐席" + workNumber + "\",\"endpoint\":\"" + endpoint(workNumber) + "\",\"username\":\""
                + username + "\",\"skills\":{" + skills + "}}"));
        return workNumber;
    }

    static String endpoint(String workNumber) {
        return "PJSIP/sv" + workNumber;
    }

    /** The agent's own desk client. */
    static Http desk(int port, String workNumber) {
        return Http.on(port).as(username(workNumber), PASSWORD);
    }

    private static String username(String workNumber) {
        return "floor-agent-" + workNumber;
    }

    private static Http admin(int port) {
        return Http.on(port).as("admin", "test-admin-password");
    }

    static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
