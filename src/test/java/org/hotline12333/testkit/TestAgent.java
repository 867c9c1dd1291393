package org.hotline12333.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent put on the floor the way an operator and the agent would: the administrator creates the user account
 * and the agent (linked to that user) over the API; a ready agent then logs in at the desk. Their phone is
 * {@code PJSIP/t<work number>}. The general group gets no wrap-up, so one agent can take test call after test call.
 */
public record TestAgent(String workNumber, String username, String password) {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final java.util.Set<String> ON_THE_FLOOR = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A logged-in, READY agent with these skill groups. */
    public static TestAgent ready(int httpPort, String... groups) {
        TestAgent agent = create(httpPort, groups);
        require(agent.http(httpPort).post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        ON_THE_FLOOR.add(agent.workNumber);
        return agent;
    }

    /** A logged-out agent with these skill groups. */
    public static TestAgent create(int httpPort, String... groups) {
        Http admin = Http.on(httpPort).as("admin", "test-admin-password");
        require(admin.put("/api/routing/groups/general", "{\"code\":\"general\",\"name\":\"综合\",\"wrapUp\":\"PT0S\"}"));
        String workNumber = "9" + String.format("%05d", COUNT.incrementAndGet() + (int) (ProcessHandle.current().pid() % 5000) * 10);
        TestAgent agent = new TestAgent(workNumber, "agent-" + workNumber, "agent-password-1");
        require(admin.post("/api/users", "{\"username\":\"" + agent.username + "\",\"password\":\"" + agent.password
                + "\",\"role\":\"AGENT\"}"));
        StringBuilder skills = new StringBuilder();
        for (String group : groups) {
            skills.append(skills.isEmpty() ? "" : ",").append('"').append(group).append("\":5");
        }
        require(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber + "\",\"name\":\"测试"
                + workNumber + "\",\"endpoint\":\"" + agent.endpoint() + "\",\"username\":\"" + agent.username
                + "\",\"skills\":{" + skills + "}}"));
        return agent;
    }

    /** Logs out every agent made ready here, so the next test's callers reach only its own agents. */
    public static void logOutAll(int httpPort) {
        Http admin = Http.on(httpPort).as("admin", "test-admin-password");
        for (String workNumber : ON_THE_FLOOR) {
            admin.post("/api/supervision/agents/" + workNumber + "/state",
                    "{\"state\":\"LOGGED_OUT\",\"reason\":\"end of the test\"}");
            ON_THE_FLOOR.remove(workNumber);
        }
    }

    public String endpoint() {
        return "PJSIP/t" + workNumber;
    }

    public Http http(int httpPort) {
        return Http.on(httpPort).as(username, password);
    }

    private static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
