package dev.sluice.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.HeadlessChromium;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * started again on the same port the page is live again without a reload. A gray release of {@code hello} shows the
 * pools of its two versions beside LATEST's, and its alias's split as configured and as 200 calls took it.
 */
class DashboardBrowserIT {
    private static final String CARD = "[data-function='sleep']";
    private static final String HELLO = "[data-function='hello']";
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

    @Test
    void aGrayReleaseShowsItsVersionPoolsAndItsSplitConfiguredAndObserved() throws Exception {
        publishTwoVersionsOfHello();
        HttpResponse<String> alias = admin(
                "PUT",
                "/system/functions/hello/aliases/prod",
                "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": 0.1}}");
        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
        open();
        wait.withMessage(() -> "no card for hello; the page shows: " + bodyText())
                .until(d -> !d.findElements(By.cssSelector(HELLO)).isEmpty());

        assertVersionPoolsSideBySide();
        assertThat(browser.findElements(By.cssSelector(CARD + " :is(.pool-title, .pool-detail)")))
                .as("a function without versions keeps its card as it was")
                .noneMatch(WebElement::isDisplayed);
        String prod = HELLO + " .alias[data-alias='prod']";
        wait.withMessage(() -> "the alias never showed; the card shows: " + hello().getText())
                .until(d -> !d.findElements(By.cssSelector(prod)).isEmpty());
        assertThat(text(prod, ".split-title")).isEqualTo("prod: v1 90% · v2 10%");
        assertThat(shares(prod + " .split-configured")).containsExactly("1=90%", "2=10%");
        assertThat(text(prod, ".split-title.observed")).isEqualTo("observed, last 10 s: no calls");

        assertThat(callsOfVersion2In200ByProd())
                .as("a tenth of 200 calls, exactly")
                .isEqualTo(20);

        wait.withMessage(() -> "the observed split never showed the 200 calls; it shows: "
                        + text(prod, ".split-title.observed"))
                .until(d ->
                        text(prod, ".split-title.observed").equals("observed, last 10 s: v1 90% (180) · v2 10% (20)"));
        assertThat(shares(prod + " .split-observed")).containsExactly("1=90%", "2=10%");
        assertThat(browser.findElement(By.cssSelector(prod + " .split-observed .split-part[data-version='2']"))
                        .getAttribute("data-calls"))
                .isEqualTo("20");
        assertThat(pool("1", ".pool-detail")).endsWith("calls 180");
        assertThat(pool("2", ".pool-detail")).endsWith("calls 20");
        browser.executeScript("arguments[0].scrollIntoView()", hello());
        HeadlessChromium.keepScreenshot(browser, "dashboard-releases.png");

        wait.withMessage(() -> "the calls never left the window; it shows: " + text(prod, ".split-title.observed"))
                .until(d -> text(prod, ".split-title.observed").equals("observed, last 10 s: no calls"));
        assertThat(browser.findElements(By.cssSelector(prod + " .split-observed .split-part")))
                .isEmpty();
        assertThat(text(prod, ".split-title")).isEqualTo("prod: v1 90% · v2 10%");
    }

    /** Waits for a READY instance in each of hello's pools, and checks they stand LATEST, v1, v2 with no calls. */
    private void assertVersionPoolsSideBySide() {
        for (String version : List.of("LATEST", "1", "2")) {
            String pool = HELLO + " .pool[data-version='" + version + "']";
            wait.withMessage(() -> "the pool of " + version + " never showed a READY instance; the card shows: "
                            + hello().getText())
                    .until(d -> !d.findElements(By.cssSelector(pool + " .instance[data-state='READY']"))
                            .isEmpty());
        }
        assertThat(browser.findElements(By.cssSelector(HELLO + " .pools > .pool")).stream()
                        .map(pool -> pool.getAttribute("data-version")))
                .as("side by side, oldest first")
                .containsExactly("LATEST", "1", "2");
        assertThat(pool("1", ".pool-title")).isEqualTo("v1");
        assertThat(pool("1", ".pool-detail")).isEqualTo("in flight 0 / 1 · calls 0");
        assertThat(pool("2", ".pool-title")).isEqualTo("v2");
        assertThat(pool("2", ".pool-detail")).isEqualTo("in flight 0 / 1 · calls 0");
        assertThat(pool("LATEST", ".pool-title")).isEqualTo("LATEST");
    }

    /** Calls {@code hello} by its alias {@code prod} 200 times, one after the other; returns how many v2 served. */
    private int callsOfVersion2In200ByProd() throws Exception {
        int second = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> call =
                    sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/invoke/hello?qualifier=prod"))
                            .POST(HttpRequest.BodyPublishers.ofString("event"))
                            .build());
            String version = call.headers().firstValue("X-Fc-Version-Id").orElse("none");
            assertThat(call.body()).isEqualTo(version.equals("2") ? "two" : "one");
            second += version.equals("2") ? 1 : 0;
        }
        return second;
    }

    /**
     * Deploys {@code hello} beside {@code sleep}, answering "one", publishes it as version 1, deploys it again
     * answering "two", and publishes that as version 2. One instance of each is kept warm.
     */
    private void publishTwoVersionsOfHello() throws Exception {
        Path code = Files.createDirectories(dir.resolve("hello"));
        String document = YAML
                + """
                  hello:
                    runtime: nodejs20
                    code: CODE
                    handler: index.handler
                    instanceConcurrency: 1
                    minInstances: 1
                    maxInstances: 2
                """
                        .replace("CODE", code.toString());
        for (String answer : List.of("one", "two")) {
            Files.writeString(
                    code.resolve("index.js"),
                    "exports.handler = (event, context, callback) => callback(null, '" + answer + "');\n");
            HttpResponse<String> deploy = admin("PUT", "/system/functions", document);
            assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
            HttpResponse<String> version = admin("POST", "/system/functions/hello/versions", "{}");
            assertThat(version.statusCode()).as(version.body()).isEqualTo(201);
        }
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve(path))
                .header("Authorization", "Bearer test-token")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private WebElement hello() {
        return browser.findElement(By.cssSelector(HELLO));
    }

    private String pool(String version, String selector) {
        return text(HELLO + " .pool[data-version='" + version + "']", selector);
    }

    /** Returns the parts of a split bar as {@code version=share}, in order. */
    private List<String> shares(String bar) {
        return browser.findElements(By.cssSelector(bar + " .split-part")).stream()
                .map(part -> part.getAttribute("data-version") + "=" + part.getAttribute("data-share"))
                .toList();
    }

    private String text(String scope, String selector) {
        return browser.findElement(By.cssSelector(scope))
                .findElement(By.cssSelector(selector))
                .getText();
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
