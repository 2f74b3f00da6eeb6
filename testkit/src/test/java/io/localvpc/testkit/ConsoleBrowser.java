package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real headless Chromium for the console's end-to-end tests: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (the two come from one source package, so their versions always match, and nothing is
 * downloaded at test time: Selenium Manager is skipped because the driver's path is given). Chromium is started with a
 * fresh profile and without the background traffic to Google hosts that would make it hang on a closed network.
 * CI installs both packages, so there a missing browser fails the test; elsewhere the test is skipped.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where screenshots are kept as test artifacts (Surefire runs in the module's folder). */
    static final Path ARTIFACTS = Path.of("target", "console-screenshots");
    /** axe-core as its WebJar ships it (the version is the pom's). */
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path profile;
    private final ChromeDriver driver;

    private ConsoleBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts Chromium, or skips the calling test (fails it under CI=true) when Chromium or its driver is missing. */
    static ConsoleBrowser start() throws IOException {
        RequiredTools.require(CHROMIUM, "chromium", "--version");
        RequiredTools.require(CHROMEDRIVER, "chromium-driver", "--version");
        Path profile = Files.createTempDirectory("localvpc-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
                "--disable-dev-shm-usage", "--window-size=1400,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new ConsoleBrowser(profile, driver);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(URI page) {
        driver.get(page.toString());
    }

    /**
     * Waits until {@code condition} gives something other than null or false, and returns it. The page redraws what
     * changed every second, so an element found a moment ago may be gone: the condition is then asked again.
     */
    <T> T await(String what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.apply(driver));
    }

    /**
     * Like {@link #await(String, Function)}, but within {@code bound}, looking every 100 ms: for what the page must show
     * within a set time of something having happened.
     */
    <T> T awaitWithin(Duration bound, String what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, bound, Duration.ofMillis(100)).withMessage(what + " within " + bound.toMillis() + " ms")
                .ignoring(StaleElementReferenceException.class).until(d -> condition.apply(driver));
    }

    /** Clicks an element, finding it again if the page redrew it between finding and clicking. */
    void click(By by) {
        await("a click on " + by, d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Waits for an element to be in the page. */
    WebElement await(By by) {
        return await("an element " + by, d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A screenshot of the whole page, kept under {@link #ARTIFACTS}. */
    Path screenshot(String name) throws IOException {
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(8000, Math.max(height.intValue(), 600))));
        try {
            Files.createDirectories(ARTIFACTS);
            Path file = ARTIFACTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** A screenshot of one element of the page, kept under {@link #ARTIFACTS}. */
    Path screenshot(String name, By element) throws IOException {
        Files.createDirectories(ARTIFACTS);
        Path file = ARTIFACTS.resolve(name + ".png");
        Files.write(file, driver.findElement(element).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * The page's accessibility violations of serious or critical impact, as axe-core finds them (one line each: the
     * rule, its help text and the elements), run inside the page as it is now.
     */
    List<String> seriousAccessibilityViolations() throws IOException {
        return accessibilityViolations(Set.of("serious", "critical"));
    }

    /** The page's accessibility violations of the given impacts (minor, moderate, serious, critical), as axe-core finds them. */
    List<String> accessibilityViolations(Set<String> impacts) throws IOException {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) script(axeSource());
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));");
        JsonNode violations = JSON.readTree((String) raw);
        if (violations.has("error")) throw new AssertionError("axe-core failed: " + violations.get("error").asText());
        List<String> out = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (!impacts.contains(impact)) continue;
            List<String> nodes = new ArrayList<>();
            v.path("nodes").forEach(n -> nodes.add(n.path("target").toString()));
            out.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " " + nodes);
        }
        return out;
    }

    private static String axeSource() {
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream(AXE)) {
            if (in == null) throw new AssertionError("axe-core is not on the test class path at " + AXE + " (see the pom's axe-core version)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temp folder is harmless
        }
    }
}
