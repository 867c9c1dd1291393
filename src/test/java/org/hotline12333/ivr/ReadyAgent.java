package org.hotline12333.ivr;

import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.testkit.Http;

/**
 * Puts a fresh agent on the floor the way an operator and the agent would: the administrator creates the user
 * and the agent over the API, the agent logs in at the desk and is READY. The general group gets no wrap-up
 * time, so one agent can take test call after test call.
 */
final class ReadyAgent {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private ReadyAgent() {
    }

    /** Returns the new agent's work number; their phone is PJSIP/ivr<work number>. */
    static String in(int httpPort, String... groups) {
        Http admin = Http.on(httpPort).as("admin", "test-admin-password");
        require(admin.put("/api/routing/groups/general", "{\"code\":\"general\",\"name\":\"综合\",\"wrapUp\":\"PT0S\"}"));
        String workNumber = "95" + String.format("%03d", COUNT.incrementAndGet() + (int) (ProcessHandle.current().pid() % 500));
        String username = "ivr-agent-" + workNumber;
        require(admin.post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"agent-password-1\","
                + "\"role\":\"AGENT\"}"));
        StringBuilder skills = new StringBuilder();
        for (String group : groups) {
            skills.append(skills.isEmpty() ? "" : ",").append('"').append(group).append("\":5");
        }
        require(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber + "\",\"name\":\"测试\","
                + "\"endpoint\":\"PJSIP/ivr" + workNumber + "\",\"username\":\"" + username + "\",\"skills\":{"
                + skills + "}}"));
        require(Http.on(httpPort).as(username, "agent-password-1").post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        return workNumber;
    }

    private static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
