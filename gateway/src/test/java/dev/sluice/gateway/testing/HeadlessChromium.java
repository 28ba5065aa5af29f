package dev.sluice.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The machine's Chromium (Debian's chromium and chromium-driver), headless, for the browser tests. */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** Starts a browser with a window of {@code width} x {@code height}; fails saying what to install if missing. */
    public static ChromeDriver start(int width, int height) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Chromium and its driver are needed: apt-get install -y chromium chromium-driver")
                .isTrue();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height);
        // The machine's driver, named outright: Selenium would otherwise try to download one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        return new ChromeDriver(options);
    }

    /** Returns a minute-long wait that reads an element again when the page redrew it meanwhile. */
    public static WebDriverWait waitFor(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Keeps what the browser shows as {@code target/screenshots/NAME}, a build artifact. */
    public static void keepScreenshot(ChromeDriver browser, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
