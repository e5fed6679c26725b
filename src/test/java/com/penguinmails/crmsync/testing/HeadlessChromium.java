package com.penguinmails.crmsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, for tests of the console: Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} ({@code .ci/run} installs them when missing; Selenium Manager is never asked to
 * download anything), with or without JavaScript, and {@link #screenshot} writing
 * {@code target/console-screenshots/<name>.png}. One per test class: a browser costs about a second to start.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where {@link #screenshot} writes. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser with JavaScript on. */
    public static HeadlessChromium start() {
        return start(true);
    }

    /** A browser with JavaScript off, as a person who switched it off sees the console. */
    public static HeadlessChromium withoutJavaScript() {
        return start(false);
    }

    private static HeadlessChromium start(boolean javaScript) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1800", "--lang=en-US");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver);
    }

    /** The Selenium driver, to navigate, find elements and read cookies. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}; the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clicks what {@code css} selects on the current page and waits until the browser has left that page. A button
     * the browser has detached while navigating answers either "stale element" or, in Chromium 150 racing the
     * navigation, "node does not belong to the document": both mean the page is gone.
     */
    public static void clickAndAwaitNavigation(WebDriver page, String css) {
        WebElement element = page.findElement(By.cssSelector(css));
        element.click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        driver.quit();
    }
}
