package io.careboard.realtime;

import static io.careboard.support.Api.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.careboard.support.Fixtures;
import io.careboard.support.TestClock;
import io.careboard.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client message and every answer of contract §5, through a real client: WELCOME, PONG,
 * METRICS equal to REST's {@code data}, ERROR for each kind of bad message with the connection
 * still usable afterwards, 1009 for an oversized message, the per-connection rate limit.
 */
@QuarkusTest
class SocketProtocolTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @BeforeEach
    void someData() {
        fixtures.reset();
        clock.freezeAt(NOW);
        fixtures.doctor("d1", "Dr. One", "cardiology").patient("p1", null, "female")
                .consultation("c1", "d1", "p1", "video", "completed", NOW.minusSeconds(7200), NOW.minusSeconds(7000),
                        NOW.minusSeconds(6000))
                .payment("pay1", "c1", "80.00", "card", "paid", NOW.minusSeconds(5000), null, null);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void welcomeNamesTheConnectionTheClockAndTheLimits() {
        try (WsClient client = viewer()) {
            JsonObject welcome = client.next("WELCOME");
            assertThat(welcome.getString("connection_id")).isNotBlank();
            assertThat(welcome.getString("server_time")).isEqualTo(NOW.toString());
            assertThat(welcome.getLong("heartbeat_interval_ms")).isEqualTo(30_000);
            assertThat(welcome.getLong("idle_timeout_ms")).isEqualTo(75_000);
            assertThat(welcome.getInteger("max_message_bytes")).isEqualTo(4096);
            assertThat(welcome.getJsonArray("topics")).containsExactly("consultations", "doctors", "revenue",
                    "health_trends", "overview");
            assertThat(welcome.getString("currency")).isEqualTo("EUR");
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingItsId() {
        try (WsClient client = welcomed()) {
            client.send("{\"action\":\"ping\",\"id\":\"p-1\"}");
            JsonObject pong = client.next("PONG");
            assertThat(pong.getString("id")).isEqualTo("p-1");
            assertThat(pong.getString("server_time")).isEqualTo(NOW.toString());
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next("PONG").containsKey("id")).isFalse();
        }
    }

    @Test
    void requestMetricsAnswersWhatRestAnswers() {
        try (WsClient client = welcomed()) {
            client.send(new JsonObject().put("action", "request_metrics").put("id", "m")
                    .put("metrics", new JsonArray().add("consultations").add("revenue")).put("period", "week")
                    .put("tz", "Europe/Berlin"));
            Map<String, JsonObject> byTopic = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonObject metrics = client.next("METRICS");
                byTopic.put(metrics.getString("topic"), metrics);
            }
            assertThat(byTopic).containsOnlyKeys("consultations", "revenue");
            byTopic.forEach((topic, metrics) -> {
                assertThat(metrics.getString("period")).isEqualTo("week");
                assertThat(metrics.getString("tz")).isEqualTo("Europe/Berlin");
                assertThat(metrics.getString("id")).isEqualTo("m");
                assertThat(metrics.getLong("seq")).isNotNegative();
                assertThat(metrics.getJsonObject("meta").getString("cache")).isIn("HIT", "MISS");
                JsonObject rest = rest(topic, "week", "Europe/Berlin");
                assertThat(metrics.getJsonObject("data").encode()).isEqualTo(rest.getJsonObject("data").encode());
            });
            assertThat(byTopic.get("revenue").getJsonObject("data").encode()).contains("80");
        }
    }

    @Test
    void subscribeAnswersTheCurrentValueOfEachTopic() {
        try (WsClient client = welcomed()) {
            client.send("{\"action\":\"subscribe\",\"topics\":[\"consultations\",\"overview\"],\"period\":\"today\"}");
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonObject metrics = client.next("METRICS");
                topics.add(metrics.getString("topic"));
                assertThat(metrics.getString("tz")).isEqualTo("UTC");
                assertThat(metrics.getJsonObject("data").encode())
                        .isEqualTo(rest(metrics.getString("topic"), "today", "UTC").getJsonObject("data").encode());
            }
            assertThat(topics).containsExactlyInAnyOrder("consultations", "overview");
        }
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("not JSON", "{\"action\": ", "malformed_message", null),
                Arguments.of("not an object", "[1, 2]", "malformed_message", null),
                Arguments.of("no action", "{\"topics\": [\"doctors\"]}", "unknown_action", null),
                Arguments.of("unknown action", "{\"action\": \"shout\"}", "unknown_action", null),
                Arguments.of("unknown topic", "{\"action\": \"subscribe\", \"topics\": [\"doctors\", \"weather\"]}",
                        "invalid_message", "topics[1]"),
                Arguments.of("range is no topic", "{\"action\": \"subscribe\", \"topics\": [\"range\"]}",
                        "invalid_message", "topics[0]"),
                Arguments.of("no topics", "{\"action\": \"subscribe\", \"topics\": []}", "invalid_message", "topics"),
                Arguments.of("topics not a list", "{\"action\": \"subscribe\", \"topics\": \"doctors\"}",
                        "invalid_message", "topics"),
                Arguments.of("bad period", "{\"action\": \"subscribe\", \"topics\": [\"doctors\"], \"period\": \"decade\"}",
                        "invalid_message", "period"),
                Arguments.of("bad tz", "{\"action\": \"request_metrics\", \"metrics\": [\"doctors\"], \"tz\": \"Mars/Olympus\"}",
                        "invalid_message", "tz"),
                Arguments.of("bad metric", "{\"action\": \"request_metrics\", \"metrics\": [\"doctor\"]}",
                        "invalid_message", "metrics[0]"),
                Arguments.of("bad period on unsubscribe", "{\"action\": \"unsubscribe\", \"period\": \"never\"}",
                        "invalid_message", "period"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void aBadMessageIsAnsweredWithErrorAndTheConnectionStaysUsable(String what, String message, String code,
            String field) {
        try (WsClient client = welcomed()) {
            client.send(message);
            JsonObject error = client.next("ERROR");
            assertThat(error.getString("code")).isEqualTo(code);
            assertThat(error.getString("message")).isNotBlank().doesNotContain(message);
            if (field != null) {
                assertThat(error.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
            }
            client.send("{\"action\":\"ping\",\"id\":\"after\"}");
            assertThat(client.next("PONG").getString("id")).isEqualTo("after");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void allBadFieldsAreNamedAtOnceWithTheRequestId() {
        try (WsClient client = welcomed()) {
            client.send("{\"action\":\"subscribe\",\"id\":\"s1\",\"topics\":[\"x\"],\"period\":\"y\",\"tz\":\"z\"}");
            JsonObject error = client.next("ERROR");
            assertThat(error.getString("id")).isEqualTo("s1");
            assertThat(error.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
                    .containsExactly("topics[0]", "period", "tz");
        }
    }

    @Test
    void anOversizedMessageClosesTheConnectionWith1009() {
        try (WsClient client = welcomed()) {
            client.send("{\"action\":\"ping\",\"id\":\"" + "x".repeat(5000) + "\"}");
            assertThat(client.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void tooManySubscriptionsAreRefused() {
        try (WsClient client = welcomed()) {
            for (String period : new String[] { "today", "week", "month", "year" }) {
                client.send("{\"action\":\"subscribe\",\"topics\":[\"consultations\",\"doctors\",\"revenue\","
                        + "\"health_trends\",\"overview\"],\"period\":\"" + period + "\"}");
            }
            client.send("{\"action\":\"subscribe\",\"topics\":[\"doctors\"],\"tz\":\"Asia/Tokyo\",\"id\":\"21st\"}");
            List<String> types = new ArrayList<>();
            JsonObject refusal = null;
            while (types.size() < 21) {
                JsonObject message = client.next();
                types.add(message.getString("type"));
                refusal = "ERROR".equals(message.getString("type")) ? message : refusal;
            }
            assertThat(types).as("a value for each of the 20 subscriptions, one refusal").filteredOn("METRICS"::equals)
                    .hasSize(20);
            assertThat(refusal.getString("code")).isEqualTo("too_many_subscriptions");
            assertThat(refusal.getString("id")).isEqualTo("21st");
        }
    }

    @Test
    void aClientPastItsRateLimitGetsOneErrorWhileOthersAreUnaffected() {
        try (WsClient flooding = welcomed(); WsClient calm = welcomed()) {
            long floodStarted = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                flooding.send("{\"action\":\"ping\",\"id\":\"" + i + "\"}");
            }
            calm.send("{\"action\":\"ping\",\"id\":\"calm\"}");
            assertThat(calm.next("PONG").getString("id")).isEqualTo("calm");

            List<JsonObject> answers = new ArrayList<>();
            JsonObject error = null;
            while (error == null) {
                JsonObject message = flooding.next();
                answers.add(message);
                error = "ERROR".equals(message.getString("type")) ? message : null;
            }
            assertThat(error.getString("code")).isEqualTo("rate_limited");
            assertThat(error.getLong("retry_after_ms")).isPositive();
            // 10 tokens a second refill while the flood is read: at most one more answer per 100 ms.
            long refilled = Duration.ofNanos(System.nanoTime() - floodStarted).toMillis() / 100 + 1;
            assertThat(answers).as("the burst of 20, the tokens refilled meanwhile, then the error")
                    .hasSizeBetween(21, (int) (21 + refilled));
            // Past the limit the rest of the flood is dropped without answers; once the bucket has
            // refilled, the same connection is answered again.
            Optional<JsonObject> pong = Optional.empty();
            for (int attempt = 0; attempt < 50 && pong.isEmpty(); attempt++) {
                flooding.send("{\"action\":\"ping\",\"id\":\"later\"}");
                pong = flooding.poll(Duration.ofMillis(200));
            }
            assertThat(pong).hasValueSatisfying(message -> assertThat(message.getString("id")).isEqualTo("later"));
        }
    }

    private WsClient viewer() {
        return WsClient.connect(base.getPort(), TestTokens.forRoles(TestTokens.VIEWER));
    }

    private WsClient welcomed() {
        WsClient client = viewer();
        client.next("WELCOME");
        return client;
    }

    static JsonObject rest(String topic, String period, String tz) {
        String path = "/api/v1/analytics/" + topic.replace('_', '-') + "?period=" + period + "&tz=" + tz;
        return new JsonObject(asViewer().get(path).then().statusCode(200).extract().asString());
    }
}
