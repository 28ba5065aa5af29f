package dev.sluice.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.HeadlessChromium;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against a gateway on real Docker: idle, the card of {@code sleep} shows no
 * instances; during a burst of six calls on {@code instanceConcurrency: 2}, it shows the instances the burst started,
 * the formula with the burst's numbers, and the scale decision in the event log. The screen during the burst is kept
 * as {@code gateway/target/screenshots/dashboard.png}. When the gateway goes away the page says so, and when one is
 * started again on the same port the page is live again without a reload.
 */
class DashboardBrowserIT {
    private static final String CARD = "[data-function='sleep']";
    private static final String YAML =
            """
            functions:
              sleep:
                runtime: java17
                code: FUNCTIONS_JAR
                handler: dev.sluice.testing.functions.Sleep::handleRequest
                memory: 256Mi
                instanceConcurrency: 2
                maxInstances: 4
                timeout: 30s
            """
                    .replace("FUNCTIONS_JAR", TestFunctions.jar().toString());

    @TempDir
    Path dir;

    private LocalSluice sluice;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        sluice = LocalSluice.deploy(YAML, dir);
        browser = HeadlessChromium.start(1600, 1000);
        wait = HeadlessChromium.waitFor(browser);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void aBurstShowsItsInstancesItsFormulaAndItsScaleDecision() throws Exception {
        open();
        assertThat(text(".instance-count")).isEqualTo("0");
        String idle = text(".formula");
        assertThat(idle).isEqualTo("ceil((0 + 0) / 2) = 0");

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(sluice.sendAsync("/invoke/sleep", "3000"));
        }
        wait.withMessage(() -> "the card never showed the burst's instances; it shows: " + card().getText())
                .until(d -> Integer.parseInt(text(".instance-count")) >= 2);
        wait.withMessage(() -> "the formula never showed the burst; it shows: " + text(".formula"))
                .until(d -> text(".formula").endsWith("/ 2) = 3"));
        assertThat(browser.findElements(By.cssSelector(CARD + " .instance[data-instance][data-state]")))
                .hasSizeGreaterThanOrEqualTo(2);
        wait.withMessage(() -> "no scale line in the event log: " + eventLog())
                .until(d -> eventLog().contains("sleep scale out: ceil(("));
        wait.withMessage(() -> "no call was ever shown in flight; the card shows: " + card().getText())
                .until(d -> !text(".in-flight").equals("0"));
        HeadlessChromium.keepScreenshot(browser, "dashboard.png");

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        wait.withMessage(() -> "the card never showed the burst's end; it shows: " + text(".formula"))
                .until(d -> text(".formula").equals(idle));
        assertThat(eventLog()).contains(" READY", " cold start ");
    }

    @Test
    void aCallsBarShowsItsPhasesTheColdStartOnTheFirstCallOnly() throws Exception {
        open();
        String first = sluice.invoke("sleep", "10")
                .headers()
                .firstValue("x-fc-request-id")
                .orElseThrow();
        String second = sluice.invoke("sleep", "10")
                .headers()
                .firstValue("x-fc-request-id")
                .orElseThrow();

        wait.withMessage(() -> "the card never showed both calls; it shows: " + text(".calls"))
                .until(d -> d.findElements(By.cssSelector(CARD + " .call[data-request-id]"))
                                .size()
                        >= 2);
        WebElement cold = call(first);
        WebElement warm = call(second);
        assertThat(cold.findElements(By.cssSelector(".call-cold")))
                .as("the first call waited for a cold start")
                .hasSize(1);
        assertThat(cold.findElements(By.cssSelector(".call-function"))).hasSize(1);
        assertThat(warm.findElements(By.cssSelector(".call-cold"))).isEmpty();
        assertThat(cold.getAttribute("title")).contains("cold start ", "function ", first);
        assertThat(text(".calls")).contains("last calls, by phase", "queue", "cold start", "function", "gateway");
        HeadlessChromium.keepScreenshot(browser, "dashboard-calls.png");
    }

    private WebElement call(String requestId) {
        return browser.findElement(By.cssSelector(CARD + " .call[data-request-id='" + requestId + "']"));
    }

    @Test
    void showsTheGatewayGoneAndRecoversWhenItComesBackWithoutAReload() throws Exception {
        open();
        int port = sluice.base().getPort();

        assertThat(sluice.closeAndRemaining()).isEmpty();
        sluice = null;
        awaitConnection("disconnected");
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isTrue();
        assertThat(eventLog()).contains("disconnected from the gateway");

        sluice = LocalSluice.deployOn(port, YAML, dir);
        awaitConnection("live");
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
        assertThat(eventLog()).contains("reconnected to the gateway");
        assertThat(sluice.invoke("sleep", "10").statusCode()).isEqualTo(200);
        wait.withMessage(() -> "the card never showed the new gateway's instance; it shows: " + card().getText())
                .until(d -> text(".instance-count").equals("1"));
    }

    private void open() {
        browser.get(sluice.base().resolve("/ui").toString());
        awaitConnection("live");
        wait.withMessage(() -> "no card for sleep; the page shows: " + bodyText())
                .until(d -> !d.findElements(By.cssSelector(CARD)).isEmpty());
    }

    private void awaitConnection(String state) {
        wait.withMessage(() -> "the page never became " + state + "; it shows: " + bodyText())
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-connection", state));
    }

    private WebElement card() {
        return browser.findElement(By.cssSelector(CARD));
    }

    private String text(String selector) {
        return card().findElement(By.cssSelector(selector)).getText();
    }

    private String eventLog() {
        return browser.findElement(By.id("event-log")).getText();
    }

    private String bodyText() {
        return browser.findElement(By.tagName("body")).getText();
    }
}
