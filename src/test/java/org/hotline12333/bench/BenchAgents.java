package org.hotline12333.bench;

import org.hotline12333.testkit.Http;

/** Agents for load runs, made the way an administrator would, without user accounts (no BCrypt per agent). */
final class BenchAgents {

    private BenchAgents() {
    }

    /** READY agents in the general group, no wrap-up; their phones are PJSIP/b<work number>. */
    static void ready(int httpPort, int count, int firstWorkNumber) {
        Http admin = Http.on(httpPort).as("admin", "test-admin-password");
        check(admin.put("/api/routing/groups/general", "{\"code\":\"general\",\"name\":\"综合\",\"wrapUp\":\"PT0S\"}"));
        for (int i = 0; i < count; i++) {
            String workNumber = Integer.toString(firstWorkNumber + i);
            check(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber + "\",\"name\":\"负载"
                    + workNumber + "\",\"endpoint\":\"PJSIP/b" + workNumber + "\",\"skills\":{\"general\":1}}"));
            check(admin.post("/api/supervision/agents/" + workNumber + "/state",
                    "{\"state\":\"READY\",\"reason\":\"load test\"}"));
        }
    }

    private static void check(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
