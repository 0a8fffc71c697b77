package io.outcall.local;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named by path so Selenium
 * Manager never looks anything up or downloads a browser. Without them the tests are skipped with
 * a message, unless CI is set: there a missing browser fails.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final URI base;

    private ConsoleBrowser(ChromeDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    /** Skips (or under CI fails) the calling test class when the browser is not installed. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "the console's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
        String ci = System.getenv("CI");
        if (!installed && ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            Assertions.fail(missing + " (CI is set, so this fails rather than skips; .ci/run installs them)");
        }
        Assumptions.assumeTrue(installed, "skipped: " + missing);
    }

    static ConsoleBrowser open(URI base) {
        // Selenium Manager stays out: the driver is given, and offline it would not fetch anyway.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        // The page's console messages, to find any Content-Security-Policy violation.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        return new ConsoleBrowser(new ChromeDriver(service, options), base);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base.resolve(path).toString());
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** What the browser reported refusing under the Content-Security-Policy since the last call. */
    java.util.List<String> policyViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy"))
                .toList();
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
