package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Web sessions over real HTTP: they end at the next request once their user is disabled or gets another role or
 * password; the session cookie is HttpOnly and SameSite always, Secure when the page came over TLS (here: through a
 * TLS proxy on this host, X-Forwarded-Proto: https); users change their own password.
 */
@HotlineTest
class WebSessionTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    Users users;

    final int n = NEXT.incrementAndGet();

    @Test
    void aDisabledUsersOpenSessionEndsAtItsNextRequest() {
        String name = "lead.disabled." + n;
        Browser browser = loggedIn(name, "supervisor-password-1");

        assertThat(http().as("admin", "test-admin-password").patch("/api/users/" + name, "{\"enabled\":false}").status())
                .isEqualTo(200);

        assertLoggedOut(browser);
    }

    @Test
    void aSessionEndsWhenItsUsersRoleChangesAndTheNewRoleAppliesAtTheNextLogin() {
        String name = "lead.demoted." + n;
        Browser browser = loggedIn(name, "supervisor-password-2");

        assertThat(http().as("admin", "test-admin-password").patch("/api/users/" + name, "{\"role\":\"AGENT\"}").status())
                .isEqualTo(200);

        assertLoggedOut(browser);
        browser.logIn(name, "supervisor-password-2");
        assertThat(browser.get("/supervision").statusCode()).isEqualTo(403);
    }

    @Test
    void usersChangeTheirOwnPasswordAndTheirOtherSessionsEnd() {
        String name = "lead.own." + n;
        Browser browser = loggedIn(name, "supervisor-password-3");
        Http me = http().as(name, "supervisor-password-3");

        Http.Response wrongCurrent = me.put("/api/me/password",
                "{\"currentPassword\":\"not-my-password\",\"newPassword\":\"a-new-password-3\"}");
        Http.Response weak = me.put("/api/me/password",
                "{\"currentPassword\":\"supervisor-password-3\",\"newPassword\":\"ababababab\"}");
        Http.Response changed = me.put("/api/me/password",
                "{\"currentPassword\":\"supervisor-password-3\",\"newPassword\":\"a-new-password-3\"}");

        assertThat(wrongCurrent.status()).isEqualTo(403);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("detail").asString()).isEqualTo("password: must not be one or two characters repeated");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(me.get("/api/me").status()).isEqualTo(401);
        assertThat(http().as(name, "a-new-password-3").get("/api/me").status()).isEqualTo(200);
        assertLoggedOut(browser);
    }

    @Test
    void theSessionCookieIsSameSiteAlwaysAndSecureOverTls() {
        List<String> plain = new Browser(port, "127.0.0.1").get("/login").headers().allValues("Set-Cookie");
        List<String> overTls = new Browser(port, "127.0.0.1", "https").get("/login").headers().allValues("Set-Cookie");

        assertThat(plain).singleElement().satisfies(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));
        assertThat(overTls).singleElement().satisfies(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly").contains("SameSite=Lax").contains("Secure"));
    }

    private Browser loggedIn(String name, String password) {
        users.create(name, password, Role.SUPERVISOR);
        Browser browser = new Browser(port, "127.0.0.1");
        HttpResponse<String> login = browser.logIn(name, password);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(browser.get("/supervision").statusCode()).isEqualTo(200);
        return browser;
    }

    private static void assertLoggedOut(Browser browser) {
        HttpResponse<String> page = browser.get("/supervision");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private Http http() {
        return Http.on(port);
    }
}
