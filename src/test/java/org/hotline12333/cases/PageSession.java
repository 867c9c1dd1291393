package org.hotline12333.cases;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's session without the browser: logged in through the login form, cookies kept, CSRF token at hand. */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;

    private PageSession(int port) {
        this.port = port;
    }

    static PageSession login(int port, String username, String password) {
        PageSession session = new PageSession(port);
        String form = session.send("GET", "/login", null, null).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        HttpResponse<String> loggedIn = session.send("POST", "/login", "username=" + encode(username) + "&password="
                + encode(password) + "&_csrf=" + encode(csrf.group(1)), "application/x-www-form-urlencoded");
        if (loggedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError(username + " could not log in");
        }
        return session;
    }

    /** A request with the session's cookie; a change carries {@code csrf} in the X-CSRF-TOKEN header. */
    HttpResponse<String> request(String method, String path, String csrf) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (csrf != null) {
            builder.header("X-CSRF-TOKEN", csrf);
        }
        return exchange(builder.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    private HttpResponse<String> send(String method, String path, String body, String type) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (type != null) {
            builder.header("Content-Type", type);
        }
        return exchange(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
