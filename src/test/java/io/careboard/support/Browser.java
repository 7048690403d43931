package io.careboard.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.devtools.v156.log.model.LogEntry;
import org.openqa.selenium.devtools.v156.runtime.Runtime;
import org.openqa.selenium.devtools.v156.runtime.model.ConsoleAPICalled;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromedriver, never a downloaded one) with a
 * fresh profile, driven by Selenium. It collects the page's console errors, and an observer script
 * that runs before the page's own records every WebSocket the page opens and every fetch it makes
 * (window.__observed.sockets / .requests, times from performance.now()), so tests can check what
 * the page does on the wire without trusting what it says about itself.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--lang=en-US", "--window-size=1280,800");

    /** Installed before any script of the page: observes sockets and fetches. */
    private static final String OBSERVER = """
            (() => {
              const observed = { sockets: [], requests: [] };
              Object.defineProperty(window, '__observed', { value: observed });
              const NativeSocket = window.WebSocket;
              window.WebSocket = class extends NativeSocket {
                constructor(url, protocols) {
                  super(url, protocols);
                  const entry = { url: String(url), created: performance.now(), opened: null, closed: null, code: null };
                  observed.sockets.push(entry);
                  this.addEventListener('open', () => { entry.opened = performance.now(); });
                  this.addEventListener('close', (event) => { entry.closed = performance.now(); entry.code = event.code; });
                }
              };
              const nativeFetch = window.fetch.bind(window);
              window.fetch = (input, init) => {
                const entry = { url: String(input && input.url ? input.url : input), at: performance.now(), status: null,
                  conditional: Boolean(init && init.headers && init.headers['If-None-Match']) };
                observed.requests.push(entry);
                return nativeFetch(input, init).then(
                  (response) => { entry.status = response.status; return response; },
                  (failure) => { entry.status = 0; throw failure; });
              };
            })();""";

    private final ChromeDriver driver;
    private final DevTools devTools;
    private final Path profile;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.devTools = driver.getDevTools();
        devTools.createSession();
        devTools.send(Log.enable());
        devTools.send(Runtime.enable());
        devTools.addListener(Log.entryAdded(), entry -> {
            if (entry.getLevel() == LogEntry.Level.ERROR) {
                consoleErrors.add(entry.getText() + entry.getUrl().map(url -> " (" + url + ")").orElse(""));
            }
        });
        devTools.addListener(Runtime.exceptionThrown(), thrown -> consoleErrors.add("uncaught: "
                + thrown.getExceptionDetails().getException().flatMap(e -> e.getDescription())
                        .orElse(thrown.getExceptionDetails().getText())));
        devTools.addListener(Runtime.consoleAPICalled(), call -> {
            if (call.getType() == ConsoleAPICalled.Type.ERROR || call.getType() == ConsoleAPICalled.Type.ASSERT) {
                consoleErrors.add("console." + call.getType() + ": " + call.getArgs().stream()
                        .map(arg -> arg.getValue().map(String::valueOf).orElse(arg.getDescription().orElse("?")))
                        .toList());
            }
        });
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVER));
    }

    /** Opens a browser whose clock runs in the given IANA time zone. */
    public static Browser start(String timeZone) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("careboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        // Both paths are given, so Selenium Manager has nothing to look up or download.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", timeZone))
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The errors the page logged so far: console.error, uncaught exceptions, failed loads, CSP violations. */
    public List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    public void clearConsoleErrors() {
        consoleErrors.clear();
    }

    public void open(String url) {
        driver.get(url);
    }

    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits until a condition holds, polling every 100 ms. An element the page re-rendered between
     * being found and being read (stale) is read again at the next poll.
     */
    public void await(Duration timeout, String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
    }

    /** The viewport the page lays out for (a phone: mobile with a device scale factor). */
    public void viewport(int width, int height, boolean mobile, double scale) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    /** Minimises the window: the page becomes hidden (document.visibilityState 'hidden'), as in a background tab. */
    public void hide() {
        windowState("minimized");
    }

    public void show() {
        windowState("normal");
    }

    @SuppressWarnings("unchecked")
    private void windowState(String state) {
        Map<String, Object> window = driver.executeCdpCommand("Browser.getWindowForTarget", Map.of());
        driver.executeCdpCommand("Browser.setWindowBounds",
                Map.of("windowId", window.get("windowId"), "bounds", Map.of("windowState", state)));
    }

    @Override
    public void close() throws IOException {
        try {
            devTools.close();
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
