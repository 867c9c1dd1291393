package org.hotline12333.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver (src/test/setup/debian-packages installs both), with a
 * profile of its own, for a test class: {@code @RegisterExtension static final HeadlessChromium CHROMIUM = new
 * HeadlessChromium();} starts it before the class's tests and quits it (deleting the profile) after them. Selenium
 * Manager is never asked for anything; nothing is downloaded.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            StandInAsterisk.deleteTree(profile);
        }
    }

    private void start() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver are needed at %s and %s: ./mvnw verify installs them "
                        + "(src/test/setup/debian-packages), or: apt-get install chromium chromium-driver", CHROMIUM,
                        CHROMEDRIVER)
                .isTrue();
        try {
            profile = Files.createTempDirectory("hotline-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CACHE_HOME", profile.resolve("cache").toString(),
                        "XDG_CONFIG_HOME", profile.resolve("config").toString()))
                .build();
        browser = new ChromeDriver(service, options);
    }

    public WebDriver browser() {
        return browser;
    }

    /** The first element matching the CSS selector, once there is one (for {@link #until}). */
    public static ExpectedCondition<WebElement> first(String selector) {
        return d -> d.findElements(By.cssSelector(selector)).stream().findFirst().orElse(null);
    }

    public void click(String selector) {
        browser.findElement(By.cssSelector(selector)).click();
    }

    public String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    /** Waits up to 15 s for the page to get there; fails with what the page shows. */
    public <T> T until(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(RuntimeException.class).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not get there within 15 s; it is at " + browser.getCurrentUrl()
                    + " showing:\n" + browser.findElement(By.tagName("body")).getText(), e);
        }
    }
}
