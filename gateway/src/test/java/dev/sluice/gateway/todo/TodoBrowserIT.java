package dev.sluice.gateway.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.HeadlessChromium;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The todo page in real headless Chromium (Debian's chromium and chromium-driver) against the sample app on real
 * Docker: register, add two todos, mark one done, delete the other, reload, and see the right list. The last screen
 * is kept as {@code gateway/target/screenshots/todo-app.png}.
 */
class TodoBrowserIT {

    @TempDir
    Path state;

    private LocalSluice sluice;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Path samples = TestFunctions.samples();
        sluice = LocalSluice.deploy(
                TodoClient.sampleDocument(samples), samples, Duration.ofSeconds(60), state.resolve("home"));
        browser = HeadlessChromium.start(1280, 900);
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
    void registerAddTwoTodosFinishOneDeleteTheOtherAndReload() throws Exception {
        browser.get(sluice.base().resolve("/").toString());
        awaitState("signed-out");
        browser.findElement(By.id("username")).sendKeys("student");
        browser.findElement(By.id("password")).sendKeys("serverless-1");
        browser.findElement(By.id("register")).click();
        awaitState("signed-in");
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("student");

        add("read the chapter", "cold starts");
        add("try the demo", "scaling");
        assertThat(names()).containsExactly("read the chapter", "try the demo");

        new Select(row("read the chapter").findElement(By.className("todo-status"))).selectByValue("2");
        awaitSettled();
        row("try the demo").findElement(By.className("todo-delete")).click();
        wait.until(d -> names().equals(List.of("read the chapter")));
        awaitSettled();

        browser.navigate().refresh();
        awaitState("signed-in");
        awaitSettled();
        assertThat(names()).containsExactly("read the chapter");
        assertThat(new Select(row("read the chapter").findElement(By.className("todo-status")))
                        .getFirstSelectedOption()
                        .getDomProperty("value"))
                .isEqualTo("2");
        HeadlessChromium.keepScreenshot(browser, "todo-app.png");
    }

    private void add(String name, String description) {
        awaitSettled(); // the page disables its buttons while a request is in flight
        int before = browser.findElements(By.cssSelector("#todo-list .todo")).size();
        browser.findElement(By.id("new-name")).sendKeys(name);
        browser.findElement(By.id("new-desc")).sendKeys(description);
        browser.findElement(By.id("add")).click();
        wait.withMessage(() -> "the todo did not appear; the page says: "
                        + browser.findElement(By.id("message")).getText() + "; body: "
                        + browser.findElement(By.tagName("body")).getText())
                .until(d -> d.findElements(By.cssSelector("#todo-list .todo")).size() == before + 1);
        awaitSettled();
    }

    private WebElement row(String name) {
        return browser.findElements(By.cssSelector("#todo-list .todo")).stream()
                .filter(r -> r.findElement(By.className("todo-name")).getText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no todo named " + name + " in " + names()));
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#todo-list .todo .todo-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private void awaitState(String state) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state));
    }

    /** The page marks the list as loading from a change until the list it shows is the server's again. */
    private void awaitSettled() {
        wait.until(ExpectedConditions.attributeToBe(By.id("todo-list"), "data-loading", "false"));
    }
}
