package io.careboard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.TestTokens;
import io.careboard.support.AppInstance;
import io.careboard.support.Browser;
import io.careboard.support.TcpProxy;
import io.careboard.support.TestRedis;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against the packaged app, with a platform loaded
 * through the ingestion API. The browser reaches the app through a counting TCP relay, so bytes
 * on the wire are measured, not estimated. Figures land in target/dashboard-figures.properties
 * (docs/benchmarks.md, "Dashboard"), screenshots in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final String ZONE = "Europe/Berlin";
    private static final List<String> TOPICS = List.of("overview", "consultations", "doctors", "revenue", "health_trends");
    private static final Map<String, String> PATHS = Map.of("overview", "/overview", "consultations", "/consultations",
            "doctors", "/doctors", "revenue", "/revenue", "health_trends", "/health-trends");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> FIGURES = new TreeMap<>();

    private static int appPort;
    private static AppInstance app;
    private static TcpProxy relay;
    private static String viewer;
    private static String admin;
    private static String ingest;

    @BeforeAll
    static void startWithAPlatform() throws Exception {
        assumeTrue(realtimeIsBuilt(), "the dashboard's tests need the WebSocket endpoint (io.careboard.realtime)");
        System.setProperty("smallrye.jwt.sign.key.location", "config/dev-keys/private.pem");
        viewer = TestTokens.forRoles(TestTokens.VIEWER);
        admin = TestTokens.forRoles(TestTokens.ADMIN);
        ingest = TestTokens.forRoles(TestTokens.INGEST);
        try (TestRedis redis = new TestRedis()) {
            redis.send(Command.FLUSHDB);
        }
        appPort = AppInstance.freePort();
        app = AppInstance.start("dashboard", appPort, Map.of("quarkus.flyway.clean-at-start", "true"));
        relay = new TcpProxy(appPort);
        HttpResponse<String> loaded = send("POST", "/api/v1/ingest", ingest,
                JSON.writeValueAsString(PlatformData.generate(Instant.now())));
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(loaded.body()).toString()).doesNotContain("\"error\"");
        // A server that has answered before: the page's speed is measured, not the first computation.
        for (String period : List.of("today", "week")) {
            for (String topic : TOPICS) {
                metric(topic, period);
            }
        }
    }

    /** Whether this build has the WebSocket endpoint the dashboard lives on (built on its own branch). */
    private static boolean realtimeIsBuilt() {
        try {
            Class.forName("io.careboard.realtime.AnalyticsSocket");
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app == null) {
            return;
        }
        relay.close();
        app.close();
        Path figures = Path.of("target", "dashboard-figures.properties");
        StringBuilder text = new StringBuilder("# DashboardIT, " + Instant.now() + "\n");
        FIGURES.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(figures, text);
        System.out.println("Dashboard figures:\n" + text);
    }

    @Test
    @Order(1)
    void firstLoadIsSmallAndPaintsTheFirstKpiWithinASecond() throws Exception {
        List<Long> bytes = new ArrayList<>();
        List<Long> firstKpi = new ArrayList<>();
        for (int load = 0; load < 3; load++) {
            try (Browser browser = Browser.start(ZONE)) { // a fresh profile: nothing cached
                relay.resetCounts();
                openLive(browser, viewer);
                bytes.add(relay.bytesToServer() + relay.bytesToClient());
                firstKpi.add(Math.round(((Number) browser.js(
                        "return performance.getEntriesByName('careboard:first-kpi')[0].startTime")).doubleValue()));
                if (load == 0) {
                    FIGURES.put("first-load.resources", browser.js("""
                            return performance.getEntriesByType('resource').map(r => r.name.replace(location.origin, '')
                              + ' ' + r.transferSize + '/' + r.decodedBodySize).join(', ')""").toString());
                }
            }
        }
        long medianKpi = firstKpi.stream().sorted().toList().get(1);
        FIGURES.put("first-load.bytes", bytes.toString());
        FIGURES.put("first-load.first-kpi-ms", firstKpi + ", median " + medianKpi);
        FIGURES.put("machine.load-average", String.valueOf(java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage()));
        assertThat(bytes).as("bytes of each first load, both ways").allMatch(b -> b < 300 * 1024);
        assertThat(medianKpi).as("median ms until the first KPI is painted").isLessThanOrEqualTo(1000);
    }

    @Test
    @Order(2)
    void everyPanelShowsEveryFigureOfTheApiWithoutConsoleErrors() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            browser.open(page(viewer));
            awaitPanels(browser);
            awaitQuiet(browser);
            assertPanelsShowTheApi(browser, "today");
            choosePeriod(browser, "week");
            assertPanelsShowTheApi(browser, "week");
            assertThat(browser.consoleErrors()).isEmpty();

            browser.viewport(390, 844, true, 2);
            awaitQuiet(browser);
            browser.js("document.activeElement.blur(); window.scrollTo(0, 0)");
            saveScreenshot(browser, "dashboard-phone.png");
        }
    }

    @Test
    @Order(3)
    void adminControlsAreShownToAdminTokensOnly() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            browser.open(page(viewer));
            awaitPanels(browser);
            assertThat(browser.find("#admin").isDisplayed()).isFalse();
            assertThat(browser.find("#account-name").getText()).contains("(viewer)");
        }
        try (Browser browser = Browser.start(ZONE)) {
            browser.open(page(admin));
            awaitPanels(browser);
            assertThat(browser.find("#admin").isDisplayed()).isTrue();
            browser.find("#admin-status").click();
            browser.await(WAIT, "cache status shown", () -> browser.find("#admin-output").getText().contains("Hit ratio"));
            browser.find("#admin-warm").click();
            browser.await(WAIT, "warm reported", () -> browser.find("#admin-output").getText().matches("(?s).*(Warmed|Skipped).*"));
            choosePeriod(browser, "week");
            browser.viewport(1280, 800, false, 1);
            awaitQuiet(browser);
            browser.js("document.activeElement.blur(); window.scrollTo(0, 0)");
            saveScreenshot(browser, "dashboard-1280x800.png");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void anIngestedConsultationShowsUpWithoutAReload() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            openLive(browser, viewer);
            long total = Long.parseLong(shown(browser, "overview", "consultations.total"));
            long scheduled = Long.parseLong(shown(browser, "consultations", "by_status.scheduled"));
            int requests = analyticsRequests(browser).size();

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String body = JSON.writeValueAsString(Map.of("doctor_id", PlatformData.doctorId(1), "patient_id",
                    PlatformData.patientId(10), "type", "video", "status", "scheduled", "scheduled_at",
                    now.minusSeconds(30).toString(), "fee", new BigDecimal("50.00"), "updated_at", now.toString()));
            assertThat(send("PUT", "/api/v1/consultations/c-live-1", ingest, body).statusCode()).isEqualTo(201);

            browser.await(Duration.ofSeconds(15), "the new consultation in the overview",
                    () -> shown(browser, "overview", "consultations.total").equals(Long.toString(total + 1)));
            browser.await(Duration.ofSeconds(15), "the new consultation in the consultations panel",
                    () -> shown(browser, "consultations", "by_status.scheduled").equals(Long.toString(scheduled + 1)));
            assertThat(browser.find("#live-badge").getText()).isEqualTo("Live");
            assertThat(analyticsRequests(browser)).as("pushed over the socket, not fetched").hasSize(requests);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    @Order(5)
    void aLostServerMeansBackoffThenPollingThenLiveAgain() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            openLive(browser, viewer);
            new Select(browser.find("#refresh-interval")).selectByValue("15");

            app.close(); // GOING_AWAY to the socket, then the process ends
            browser.await(WAIT, "the badge turns offline", () -> browser.find("#live-badge").getText().equals("Offline"));
            double goneAt = now(browser);
            browser.await(Duration.ofSeconds(60), "three reconnection attempts fail and two polls are made",
                    () -> failedAttempts(sockets(browser)) >= 3 && bursts(analyticsRequests(browser), goneAt, now(browser)).size() >= 2);
            app = AppInstance.start("dashboard-restarted", appPort, Map.of());
            double readyAt = now(browser);
            browser.await(Duration.ofSeconds(60), "live again", () -> browser.find("#live-badge").getText().equals("Live"));
            double liveAt = now(browser);

            List<Map<String, Object>> sockets = sockets(browser);
            double lostAt = number(sockets.get(0), "closed");
            assertThat(sockets.get(0).get("code")).as("the server went away").isEqualTo(1001L);
            // Attempt 1 waits what GOING_AWAY said (1..10 s); attempt n then waits [0.5, 1.5] × 3 s × 2^(n-1).
            List<String> delays = new ArrayList<>();
            for (int n = 1; n < sockets.size() - 1; n++) {
                double delay = number(sockets.get(n), "created") - number(sockets.get(n - 1), "closed");
                double min = n == 1 ? 1000 : 0.5 * 3000 * Math.pow(2, n - 1);
                double max = n == 1 ? 10000 : 1.5 * 3000 * Math.pow(2, n - 1);
                delays.add(Math.round(delay) + " ms");
                assertThat(sockets.get(n).get("opened")).as("attempt %d failed", n).isNull();
                assertThat(delay).as("attempt %d waited %s in [%s, %s]", n, delay, min, max).isBetween(min - 20, max + 1500);
            }
            FIGURES.put("reconnect.delays", String.join(", ", delays));

            List<Double> polls = bursts(analyticsRequests(browser), lostAt, liveAt);
            FIGURES.put("reconnect.polls-while-offline", polls.size() + " at " + polls.stream()
                    .map(t -> Math.round((t - lostAt) / 100) / 10.0 + " s").toList());
            assertThat(polls).as("polling took over while the socket was gone").hasSizeGreaterThanOrEqualTo(2);
            for (int i = 1; i < polls.size(); i++) {
                assertThat(polls.get(i) - polls.get(i - 1)).as("polls every 15 s").isBetween(14000.0, 17500.0);
            }
            FIGURES.put("reconnect.live-after-ready-ms", Long.toString(Math.round(liveAt - readyAt)));
            assertThat(liveAt - readyAt).as("live within a poll interval of the server being ready").isLessThan(17000);

            double quietFrom = now(browser);
            Thread.sleep(20000); // an observation window: nothing may be polled while live
            assertThat(bursts(analyticsRequests(browser), quietFrom + 1000, now(browser))).isEmpty();
        }
    }

    @Test
    @Order(6)
    void theIntervalSetsThePollingRate() throws Exception {
        avoidTheHourlyRefresh();
        try (Browser browser = Browser.start(ZONE)) {
            startPolling(browser);
            double at15 = selectInterval(browser, "15");
            browser.await(Duration.ofSeconds(40), "two polls", () -> bursts(analyticsRequests(browser), at15, now(browser)).size() >= 2);
            List<Double> fast = bursts(analyticsRequests(browser), at15, now(browser));
            double at30 = selectInterval(browser, "30");
            browser.await(Duration.ofSeconds(40), "a poll", () -> bursts(analyticsRequests(browser), at30, now(browser)).size() >= 1);
            double slow = bursts(analyticsRequests(browser), at30, now(browser)).get(0);
            FIGURES.put("polling.at-15s", Math.round(fast.get(0) - at15) + " ms, then " + Math.round(fast.get(1) - fast.get(0)) + " ms");
            FIGURES.put("polling.at-30s", Math.round(slow - at30) + " ms");
            assertThat(fast.get(0) - at15).isBetween(14900.0, 16500.0);
            assertThat(fast.get(1) - fast.get(0)).isBetween(14000.0, 16500.0);
            assertThat(slow - at30).isBetween(29900.0, 31500.0);
            assertThat(analyticsRequests(browser).stream().filter(r -> number(r, "at") > at15))
                    .as("every poll asks conditionally").allMatch(r -> Boolean.TRUE.equals(r.get("conditional")));
            assertThat(analyticsRequests(browser).stream().filter(r -> number(r, "at") > at15).map(r -> r.get("status")))
                    .as("nothing changed: every poll costs a 304").containsOnly(304L);
        }
    }

    @Test
    @Order(7)
    void aHiddenTabStopsPolling() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            startPolling(browser);
            double at = selectInterval(browser, "15");
            browser.await(Duration.ofSeconds(40), "a poll", () -> bursts(analyticsRequests(browser), at, now(browser)).size() >= 1);
            browser.hide();
            assertThat((String) browser.js("return document.visibilityState")).isEqualTo("hidden");
            double hiddenAt = now(browser);
            Thread.sleep(35000); // an observation window two intervals long
            double shownAt = now(browser);
            assertThat(bursts(analyticsRequests(browser), hiddenAt, shownAt)).as("no polls while hidden").isEmpty();
            browser.show();
            assertThat((String) browser.js("return document.visibilityState")).isEqualTo("visible");
            browser.await(Duration.ofSeconds(3), "catches up when visible",
                    () -> bursts(analyticsRequests(browser), shownAt, now(browser)).size() == 1);
            browser.await(Duration.ofSeconds(20), "polls again", () -> bursts(analyticsRequests(browser), shownAt, now(browser)).size() == 2);
            List<Double> after = bursts(analyticsRequests(browser), shownAt, now(browser));
            assertThat(after.get(1) - after.get(0)).isBetween(14000.0, 16500.0);
        }
    }

    @Test
    @Order(8)
    void anIdleLiveDashboardCostsLittle() throws Exception {
        try (Browser browser = Browser.start(ZONE)) {
            openLive(browser, viewer);
            avoidTheHourlyRefresh();
            Duration window = Duration.ofSeconds(150);
            relay.resetCounts();
            Thread.sleep(window.toMillis()); // the measurement window: an idle live dashboard
            long idle = relay.bytesToServer() + relay.bytesToClient();
            relay.resetCounts();
            browser.find("#refresh-now").click();
            awaitQuiet(browser);
            long refresh = relay.bytesToServer() + relay.bytesToClient();
            // At each hour the scheduled refresh may find new hourly buckets: the series bodies count in full.
            long seriesBodies = ((Number) browser.js("""
                    const largest = {};
                    for (const r of performance.getEntriesByType('resource')) {
                      const path = new URL(r.name).pathname;
                      if (/\\/(consultations|revenue|health-trends)$/.test(path)) {
                        largest[path] = Math.max(largest[path] ?? 0, r.encodedBodySize);
                      }
                    }
                    return Object.values(largest).reduce((sum, size) => sum + size, 0)""")).longValue();
            long perHour = Math.round(idle * (3600.0 / window.toSeconds())) + refresh + seriesBodies;
            FIGURES.put("idle-live.window-bytes", idle + " in " + window.toSeconds() + " s");
            FIGURES.put("idle-live.refresh-bytes", Long.toString(refresh));
            FIGURES.put("idle-live.series-bodies-bytes", Long.toString(seriesBodies));
            FIGURES.put("idle-live.bytes-per-hour", Long.toString(perHour));
            assertThat(perHour).as("bytes per hour with auto-refresh at 30 s and nothing changing").isLessThan(50 * 1024);
        }
    }

    // --- Page helpers -------------------------------------------------------------------------------

    private static String page(String token) {
        return "http://127.0.0.1:" + relay.port() + "/#token=" + token;
    }

    /** Opens the dashboard and waits until its figures are shown, the socket is live and nothing is loading. */
    private static void openLive(Browser browser, String token) {
        browser.open(page(token));
        awaitPanels(browser);
        awaitLive(browser);
        awaitQuiet(browser);
    }

    /** Screenshots go to target/screenshots; docs/images holds the ones the docs show. */
    private static void saveScreenshot(Browser browser, String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve(name), browser.screenshot());
    }

    private static void awaitPanels(Browser browser) {
        browser.await(WAIT, "every panel shows figures", () -> TOPICS.stream().allMatch(topic -> !browser.findAll(
                "#panel-" + topic + " [data-field]").isEmpty()));
    }

    private static void awaitLive(Browser browser) {
        browser.await(WAIT, "the live badge", () -> browser.find("#live-badge").getText().equals("Live"));
    }

    /** Waits until nothing was fetched for 1.5 s and no fetch is open. */
    private static void awaitQuiet(Browser browser) {
        browser.await(WAIT, "the page is quiet", () -> {
            List<Map<String, Object>> requests = requests(browser);
            double last = requests.stream().mapToDouble(r -> number(r, "at")).max().orElse(0);
            return requests.stream().allMatch(r -> r.get("status") != null) && now(browser) - last > 1500
                    && "idle".equals(browser.find("#update-status").getAttribute("data-status"));
        });
    }

    private static void choosePeriod(Browser browser, String period) {
        int before = requests(browser).size();
        new Select(browser.find("#period")).selectByValue(period);
        browser.await(WAIT, "the panels of " + period, () -> requests(browser).size() >= before + TOPICS.size());
        awaitQuiet(browser);
    }

    /** Turns live push off (polling only) once the page is up. */
    private static void startPolling(Browser browser) {
        browser.open(page(viewer));
        awaitPanels(browser);
        awaitQuiet(browser);
        browser.find("#live-updates").click();
        browser.await(WAIT, "live push off", () -> browser.find("#connection-detail").getText().contains("polling every"));
    }

    private static double selectInterval(Browser browser, String seconds) {
        new Select(browser.find("#refresh-interval")).selectByValue(seconds);
        return now(browser);
    }

    private static String shown(Browser browser, String topic, String field) {
        return browser.find("#panel-" + topic + " [data-field=\"" + field + "\"]").getAttribute("data-value");
    }

    private static double now(Browser browser) {
        return ((Number) browser.js("return performance.now()")).doubleValue();
    }

    private static List<Map<String, Object>> requests(Browser browser) {
        return browser.js("return window.__observed.requests");
    }

    private static List<Map<String, Object>> analyticsRequests(Browser browser) {
        return requests(browser).stream().filter(r -> r.get("url").toString().matches(
                ".*/api/v1/analytics/(overview|consultations|doctors|revenue|health-trends)\\?.*")).toList();
    }

    private static List<Map<String, Object>> sockets(Browser browser) {
        return browser.js("return window.__observed.sockets");
    }

    private static long failedAttempts(List<Map<String, Object>> sockets) {
        return sockets.stream().skip(1).filter(s -> s.get("closed") != null && s.get("opened") == null).count();
    }

    /** The start times of polls (requests for every panel within 2 s) between two instants. */
    private static List<Double> bursts(List<Map<String, Object>> requests, double from, double to) {
        List<Double> starts = new ArrayList<>();
        requests.stream().mapToDouble(r -> number(r, "at")).filter(at -> at > from && at <= to).sorted().forEach(at -> {
            if (starts.isEmpty() || at - starts.get(starts.size() - 1) > 2000) {
                starts.add(at);
            }
        });
        return starts;
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /**
     * Waits, when the zone's next hour is less than 3 minutes away, until it has passed: a new hourly
     * bucket changes today's answers, and the live dashboard's scheduled refresh fetches them.
     */
    private static void avoidTheHourlyRefresh() throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of(ZONE));
        ZonedDateTime nextHour = now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        if (Duration.between(now, nextHour).toSeconds() < 180) {
            Thread.sleep(Duration.between(now, nextHour).plusSeconds(40).toMillis());
        }
    }

    // --- The API's answers and what the page shows ---------------------------------------------------

    /** Every figure of every panel equals the API's answer for the same view; every figure is shown. */
    private static void assertPanelsShowTheApi(Browser browser, String period) throws Exception {
        List<Map<String, Object>> shown = browser.js("""
                return [...document.querySelectorAll('[data-topic] [data-field]')].map(e => ({
                  topic: e.closest('[data-topic]').dataset.topic, field: e.dataset.field, value: e.dataset.value,
                  suppressed: e.dataset.suppressed === 'true', text: e.textContent.trim() }))""");
        for (String topic : TOPICS) {
            JsonNode data = metric(topic, period).get("data");
            Map<String, JsonNode> figures = new LinkedHashMap<>();
            leaves(data, "", figures);
            Set<String> suppressed = new HashSet<>();
            data.path("suppressed").forEach(path -> suppressed.add(path.asText()));
            Set<String> seen = new HashSet<>();
            for (Map<String, Object> figure : shown.stream().filter(f -> topic.equals(f.get("topic"))).toList()) {
                String field = (String) figure.get("field");
                JsonNode expected = figures.get(field);
                assertThat(expected).as("%s %s is a figure of the answer", topic, field).isNotNull();
                assertThat(sameValue(expected, (String) figure.get("value")))
                        .as("%s %s: page %s, API %s", topic, field, figure.get("value"), expected).isTrue();
                if (suppressed.contains(field)) {
                    assertThat(figure.get("suppressed")).as("%s %s suppressed", topic, field).isEqualTo(true);
                }
                if (Boolean.TRUE.equals(figure.get("suppressed"))) {
                    assertThat(expected.isNull()).as("%s %s: only a missing value is suppressed", topic, field).isTrue();
                    assertThat(figure.get("text")).isEqualTo("Suppressed");
                }
                seen.add(field);
            }
            assertThat(seen).as("every figure of %s (%s) is on the page", topic, period).containsAll(figures.keySet());
            FIGURES.put("figures-compared." + period + "." + topic, Integer.toString(figures.size()));
        }
    }

    private static boolean sameValue(JsonNode expected, String shown) {
        if (expected.isNull()) {
            return "null".equals(shown);
        }
        if (expected.isNumber()) {
            return shown != null && !shown.equals("null") && new BigDecimal(shown).compareTo(expected.decimalValue()) == 0;
        }
        return expected.asText().equals(shown);
    }

    private static void leaves(JsonNode node, String path, Map<String, JsonNode> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (!(path.isEmpty() && field.getKey().equals("suppressed"))) {
                    leaves(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), into);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", into);
            }
        } else {
            into.put(path, node);
        }
    }

    private static JsonNode metric(String topic, String period) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("GET", "/api/v1/analytics" + PATHS.get(topic) + "?period=" + period + "&tz="
                + ZONE, viewer, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
