package org.hotline12333.knowledge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hotline12333.testkit.Http;
import tools.jackson.databind.JsonNode;

/** Users and articles for knowledge tests, made over the API as supervisors make them. */
final class KnowledgeFixture {

    static final String PASSWORD = "knowledge-password-1";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 100);

    private final int port;

    KnowledgeFixture(int port) {
        this.port = port;
    }

    /** Who a knowledge test needs: a supervisor who writes, another who approves, an agent who reads. */
    record Team(Http author, Http approver, Http agent) {

        /** A new article written by the author and approved by the approver; returns its code. */
        String approvedArticle(String slug, String title, String answer, List<String> classifications,
                               List<String> ivrNodes) {
            return KnowledgeFixture.approvedArticle(author, approver, slug, title, answer, classifications, ivrNodes);
        }
    }

    Team team() {
        return new Team(user("SUPERVISOR"), user("SUPERVISOR"), user("AGENT"));
    }

    /** A new user of this role (AGENT, SUPERVISOR...). */
    Http user(String role) {
        return as(username(role));
    }

    /** A new user of this role, by name; their password is {@link #PASSWORD}. */
    String username(String role) {
        String username = "kb-" + role.toLowerCase() + "-" + NEXT.incrementAndGet();
        Http admin = Http.on(port).as("admin", "test-admin-password");
        require(admin.post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"}"));
        return username;
    }

    Http as(String username) {
        return Http.on(port).as(username, PASSWORD);
    }

    static String code(String slug) {
        return slug + "-" + NEXT.incrementAndGet();
    }

    /** An article version as JSON: {@code basedOn} null for a new article. */
    static String draft(Integer basedOn, String title, String answer, List<String> classifications,
                        List<String> ivrNodes, String effectiveFrom, String validUntil) {
        return "{" + (basedOn == null ? "" : "\"basedOn\":" + basedOn + ",") + "\"title\":\"" + title
                + "\",\"answer\":\"" + answer + "\",\"basis\":\"《测试政策》第一条\",\"classifications\":" + list(classifications)
                + ",\"ivrNodes\":" + list(ivrNodes) + ",\"documents\":[\"居民身份证\",\"社会保障卡\"],\"effectiveFrom\":\""
                + effectiveFrom + "\"" + (validUntil == null ? "" : ",\"validUntil\":\"" + validUntil + "\"") + "}";
    }

    /** A new article written by {@code author} and approved by {@code approver}; returns its code. */
    static String approvedArticle(Http author, Http approver, String slug, String title, String answer,
                                  List<String> classifications, List<String> ivrNodes) {
        String code = code(slug);
        require(author.post("/api/knowledge/articles/" + code + "/versions", draft(null, title, answer,
                classifications, ivrNodes, "2020-01-01", null)));
        require(approver.post("/api/knowledge/articles/" + code + "/versions/1/approve", "{}"));
        return code;
    }

    static Http.Response search(Http who, String q) {
        return who.get("/api/knowledge/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    static List<String> codes(Http.Response hits) {
        require(hits);
        return hits.json().valueStream().map(hit -> hit.path("code").asString()).collect(Collectors.toList());
    }

    static JsonNode require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
        return response.body().isEmpty() ? null : response.json();
    }

    private static String list(List<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
