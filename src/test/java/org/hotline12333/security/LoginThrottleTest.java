package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing over HTTP Basic and the login form, from clients behind a proxy on this host (X-Forwarded-For):
 * after 5 wrong passwords a user is locked for 15 minutes, after 20 an address, whatever the user names; a locked
 * login is not even checked (the right password is refused too), supervisors are alerted, and the lock ends.
 */
@HotlineTest
class LoginThrottleTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    Alerts alerts;
    @Autowired
    TestClock clock;

    /** In the past: nothing in the shared service may remember a time still to come once the clock is reset. */
    final Instant start = Instant.now().minus(Duration.ofHours(2));
    final int n = NEXT.incrementAndGet();

    @BeforeEach
    void fixedTime() {
        clock.set(start);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void fiveWrongPasswordsLockTheUserEvenAgainstTheRightOneUntilTheLockEnds() {
        String name = "guessed." + n;
        users.create(name, "right-password-1", Role.SUPERVISOR);
        Http attacker = Http.on(port).with("X-Forwarded-For", "203.0.113." + n);

        for (int i = 0; i < 5; i++) {
            assertThat(attacker.as(name, "guess-" + i + "-wrong").get("/api/me").status()).isEqualTo(401);
        }
        Http.Response locked = attacker.as(name, "right-password-1").get("/api/me");
        Http.Response fromElsewhere = Http.on(port).with("X-Forwarded-For", "198.51.100." + n)
                .as(name, "right-password-1").get("/api/me");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(locked.json().path("detail").asString()).startsWith("too many failed logins");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L + 1);
        assertThat(fromElsewhere.status()).isEqualTo(429);
        assertThat(alerts.open(500)).filteredOn(a -> a.subject().equals("web-login " + name)).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.SECURITY));
        assertThat(Http.on(port).as("admin", "test-admin-password").get("/api/me").status()).isEqualTo(200);

        clock.set(start.plus(Duration.ofMinutes(16)));
        assertThat(attacker.as(name, "right-password-1").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void twentyWrongPasswordsFromOneAddressLockItWhateverTheUserNames() {
        String name = "sprayed." + n;
        users.create(name, "right-password-2", Role.AGENT);
        String address = "192.0.2." + n;
        Http sprayer = Http.on(port).with("X-Forwarded-For", address);

        for (int i = 0; i < 20; i++) {
            assertThat(sprayer.as("someone" + i, "password-spray-1").get("/api/me").status()).isEqualTo(401);
        }

        assertThat(sprayer.as(name, "right-password-2").get("/api/me").status()).isEqualTo(429);
        assertThat(Http.on(port).with("X-Forwarded-For", "192.0.2." + (100 + n)).as(name, "right-password-2")
                .get("/api/me").status()).isEqualTo(200);
        assertThat(alerts.open(500)).anyMatch(a -> a.subject().equals("web-address " + address));
    }

    @Test
    void theLoginFormIsThrottledTooAndSaysSo() {
        String name = "formed." + n;
        users.create(name, "right-password-3", Role.SUPERVISOR);
        Browser browser = new Browser(port, "203.0.113." + (100 + n));

        for (int i = 0; i < 5; i++) {
            assertThat(browser.logIn(name, "wrong-" + i + "-password").headers().firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        }
        HttpResponse<String> locked = browser.logIn(name, "right-password-3");

        assertThat(locked.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?locked"));
        assertThat(browser.get("/login?locked").body()).contains("Too many failed logins");
        assertThat(browser.get("/supervision").statusCode()).isEqualTo(302);
    }
}
