package org.hotline12333.security;

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

/** A browser on the service's web pages: it keeps its cookies, logs in with the form, follows no redirects. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private final String forwardedFor;
    private final String forwardedProto;

    /** @param forwardedFor the client address a proxy on this host reports (X-Forwarded-For) */
    Browser(int port, String forwardedFor) {
        this(port, forwardedFor, null);
    }

    /** @param forwardedProto how the client reached that proxy (X-Forwarded-Proto: https for TLS) */
    Browser(int port, String forwardedFor, String forwardedProto) {
        this.port = port;
        this.forwardedFor = forwardedFor;
        this.forwardedProto = forwardedProto;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Logs in with the form; the answer is the redirect (to the page asked for, or back to /login?...). */
    HttpResponse<String> logIn(String username, String password) {
        Matcher csrf = CSRF.matcher(get("/login").body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", forwardedFor);
        return forwardedProto == null ? request : request.header("X-Forwarded-Proto", forwardedProto);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
