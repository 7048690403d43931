package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careboard.TestTokens;
import io.careboard.domain.event.ConsultationCreated;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.RatingCreated;
import io.careboard.support.Fixtures;
import io.careboard.support.TestClock;
import io.careboard.support.WsClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From a committed change to the subscribers: the right update types on the right topics and
 * periods and nothing on the others, each subscriber once, {@code seq} rising by one, bursts
 * coalesced, and the pushed {@code data} equal to what REST then answers. "Nothing else arrived"
 * is shown without waiting: a later change's update must carry the very next {@code seq}.
 */
@QuarkusTest
class PushPipelineTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    Event<DomainEvent> events;

    @Inject
    MeterRegistry registry;

    @Inject
    LocalSubscriptions local;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void aCompletedConsultation() {
        fixtures.reset();
        clock.freezeAt(NOW);
        fixtures.doctor("d1", "Dr. One", "cardiology").patient("p1", null, "female")
                .consultation("c1", "d1", "p1", "video", "completed", NOW.minusSeconds(7200), NOW.minusSeconds(7000),
                        NOW.minusSeconds(6000));
    }

    @Inject
    ChangeFeed changes;

    @AfterEach
    void realTime() {
        // The next test empties the tables: no recomputation may still be reading them.
        await().atMost(WsClient.TIMEOUT).until(changes::isQuiet);
        clock.reset();
    }

    @Test
    void aRatingUpdatesDoctorsAndOverviewOnceForEachSubscriberAndNothingElse() {
        try (WsClient first = subscribed("today", "UTC"); WsClient second = subscribed("today", "UTC")) {
            Map<String, Long> seq = snapshotSeqs(first);
            snapshotSeqs(second);

            commit(() -> {
                fixtures.rating("r1", "c1", 5, NOW.minusSeconds(600));
                events.fire(new RatingCreated("r1", "c1", "d1", 5, NOW.minusSeconds(600)));
            });

            for (WsClient client : List.of(first, second)) {
                Map<String, JsonObject> updates = nextUpdates(client, 2);
                assertThat(updates).containsOnlyKeys("doctors", "overview");
                assertThat(updates.get("doctors").getString("type")).isEqualTo("DOCTOR_PERFORMANCE_UPDATE");
                assertThat(updates.get("overview").getString("type")).isEqualTo("OVERVIEW_UPDATE");
                for (JsonObject update : updates.values()) {
                    String topic = update.getString("topic");
                    assertThat(update.getLong("seq")).isEqualTo(seq.get(topic) + 1);
                    assertThat(update.getString("period")).isEqualTo("today");
                    assertThat(update.getString("tz")).isEqualTo("UTC");
                    assertThat(update.getJsonObject("meta").getString("cache")).isEqualTo("BYPASS");
                    assertThat(update.getJsonObject("data").encode()).as("pushed %s equals REST", topic)
                            .isEqualTo(SocketProtocolTest.rest(topic, "today", "UTC").getJsonObject("data").encode());
                }
                assertThat(updates.get("overview").getJsonObject("data").getJsonObject("ratings").getInteger("count"))
                        .isEqualTo(1);
            }

            // A consultation now: its update must be the first consultations update after the rating's.
            commit(() -> {
                fixtures.consultation("c2", "d1", "p1", "chat", "scheduled", NOW.minusSeconds(60), null, null);
                events.fire(new ConsultationCreated("c2", "d1", "p1", NOW.minusSeconds(60)));
            });
            for (WsClient client : List.of(first, second)) {
                JsonObject consultations = nextOfTopic(client, "consultations");
                assertThat(consultations.getString("type")).isEqualTo("CONSULTATION_UPDATE");
                assertThat(consultations.getLong("seq")).isEqualTo(seq.get("consultations") + 1);
                assertThat(consultations.getJsonObject("data").getInteger("total")).isEqualTo(2);
            }
        }
    }

    @Test
    void onlyThePeriodsWhoseFiguresChangeAreUpdated() {
        try (WsClient client = WsClient.connect(base.getPort(), TestTokens.forRoles(TestTokens.VIEWER))) {
            client.next("WELCOME");
            client.send("{\"action\":\"subscribe\",\"topics\":[\"doctors\"],\"period\":\"today\",\"tz\":\"Europe/Berlin\"}");
            long today = client.next("METRICS").getLong("seq");
            client.send("{\"action\":\"subscribe\",\"topics\":[\"doctors\"],\"period\":\"week\",\"tz\":\"Europe/Berlin\"}");
            long week = client.next("METRICS").getLong("seq");

            Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
            commit(() -> {
                fixtures.rating("r-old", "c1", 2, threeDaysAgo);
                events.fire(new RatingCreated("r-old", "c1", "d1", 2, threeDaysAgo));
            });
            JsonObject weekUpdate = client.next("DOCTOR_PERFORMANCE_UPDATE");
            assertThat(weekUpdate.getString("period")).isEqualTo("week");
            assertThat(weekUpdate.getLong("seq")).isEqualTo(week + 1);

            commit(() -> {
                fixtures.rating("r-new", "c1", 4, NOW.minusSeconds(60));
                events.fire(new RatingCreated("r-new", "c1", "d1", 4, NOW.minusSeconds(60)));
            });
            Map<String, JsonObject> byPeriod = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonObject update = client.next("DOCTOR_PERFORMANCE_UPDATE");
                byPeriod.put(update.getString("period"), update);
            }
            assertThat(byPeriod.get("today").getLong("seq")).as("no update of today for a rating three days ago")
                    .isEqualTo(today + 1);
            assertThat(byPeriod.get("week").getLong("seq")).isEqualTo(week + 2);
            for (JsonObject update : byPeriod.values()) {
                assertThat(update.getJsonObject("data").encode()).isEqualTo(SocketProtocolTest
                        .rest("doctors", update.getString("period"), "Europe/Berlin").getJsonObject("data").encode());
            }
        }
    }

    @Test
    void aHundredChangesInOneBurstAreOneUpdatePerTopic() {
        try (WsClient client = subscribed("today", "UTC")) {
            Map<String, Long> seq = snapshotSeqs(client);
            double recomputedBefore = recomputations("consultations", "today");

            commit(() -> {
                for (int i = 0; i < 100; i++) {
                    fixtures.consultation("b" + i, "d1", "p1", "audio", "scheduled", NOW.minusSeconds(i), null, null);
                    events.fire(new ConsultationCreated("b" + i, "d1", "p1", NOW.minusSeconds(i)));
                }
            });
            JsonObject burst = nextOfTopic(client, "consultations");
            assertThat(burst.getLong("seq")).isEqualTo(seq.get("consultations") + 1);
            assertThat(burst.getJsonObject("data").getInteger("total")).isEqualTo(101);
            assertThat(burst.getJsonObject("data").encode()).isEqualTo(
                    SocketProtocolTest.rest("consultations", "today", "UTC").getJsonObject("data").encode());

            commit(() -> {
                fixtures.consultation("marker", "d1", "p1", "audio", "scheduled", NOW.minusSeconds(1), null, null);
                events.fire(new ConsultationCreated("marker", "d1", "p1", NOW.minusSeconds(1)));
            });
            JsonObject marker = nextOfTopic(client, "consultations");
            assertThat(marker.getLong("seq")).as("nothing between the burst's update and the next one")
                    .isEqualTo(seq.get("consultations") + 2);
            assertThat(marker.getJsonObject("data").getInteger("total")).isEqualTo(102);
            // The marker's recomputation is counted just after its update is handed out: wait for the count.
            assertThat(recomputationsReaching("consultations", "today", recomputedBefore + 2) - recomputedBefore)
                    .as("leading edge, at most one trailing recomputation, the marker's").isBetween(2.0, 3.0);
        }
    }

    @Test
    void unsubscribingRemovesTheSubscriptionsHereAndInTheClusterSet() {
        try (WsClient client = subscribed("today", "UTC")) {
            snapshotSeqs(client);
            client.send("{\"action\":\"subscribe\",\"topics\":[\"consultations\",\"revenue\"],\"period\":\"week\"}");
            client.next("METRICS");
            client.next("METRICS");
            assertThat(clusterMembers()).contains("consultations|week|UTC", "consultations|today|UTC");

            client.send("{\"action\":\"unsubscribe\",\"topics\":[\"consultations\"],\"period\":\"week\"}");
            client.send("{\"action\":\"ping\"}");
            client.next("PONG");
            assertThat(local.of("consultations|week|UTC")).isEmpty();
            assertThat(local.of("revenue|week|UTC")).hasSize(1);
            assertThat(local.of("consultations|today|UTC")).hasSize(1);
            await().atMost(WsClient.TIMEOUT).until(() -> !clusterMembers().contains("consultations|week|UTC"));

            client.send("{\"action\":\"unsubscribe\",\"topics\":[\"revenue\",\"doctors\"]}");
            client.send("{\"action\":\"ping\"}");
            client.next("PONG");
            assertThat(local.of("revenue|week|UTC")).as("every period").isEmpty();
            assertThat(local.of("revenue|today|UTC")).isEmpty();
            assertThat(local.of("consultations|today|UTC")).hasSize(1);

            client.send("{\"action\":\"unsubscribe\"}");
            client.send("{\"action\":\"ping\"}");
            client.next("PONG");
            assertThat(local.of("consultations|today|UTC")).as("every topic").isEmpty();
            await().atMost(WsClient.TIMEOUT).until(() -> clusterMembers().isEmpty());
        }
    }

    @Test
    void closingAConnectionDropsItsSubscriptionsFromTheClusterSet() {
        WsClient client = subscribed("today", "UTC");
        snapshotSeqs(client);
        assertThat(clusterMembers()).hasSize(5);
        client.close();
        await().atMost(WsClient.TIMEOUT).until(() -> clusterMembers().isEmpty());
    }

    /** Subscribes to every topic; the five METRICS answers are left in the queue. */
    private WsClient subscribed(String period, String tz) {
        WsClient client = WsClient.connect(base.getPort(), TestTokens.forRoles(TestTokens.VIEWER));
        client.next("WELCOME");
        client.send("{\"action\":\"subscribe\",\"topics\":[\"consultations\",\"doctors\",\"revenue\",\"health_trends\","
                + "\"overview\"],\"period\":\"" + period + "\",\"tz\":\"" + tz + "\"}");
        return client;
    }

    /** Reads the five METRICS answers of a subscription: the seq of each topic. */
    private static Map<String, Long> snapshotSeqs(WsClient client) {
        Map<String, Long> seqs = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            JsonObject metrics = client.next("METRICS");
            seqs.put(metrics.getString("topic"), metrics.getLong("seq"));
        }
        return seqs;
    }

    private static Map<String, JsonObject> nextUpdates(WsClient client, int count) {
        Map<String, JsonObject> updates = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonObject update = client.next();
            assertThat(updates.put(update.getString("topic"), update)).as("one update per topic").isNull();
        }
        return updates;
    }

    /** The next update of {@code topic}; updates of other topics may come first. */
    private static JsonObject nextOfTopic(WsClient client, String topic) {
        while (true) {
            JsonObject update = client.next();
            if (topic.equals(update.getString("topic"))) {
                return update;
            }
        }
    }

    /** The recomputations counted once they reach {@code least}, or after {@link WsClient#TIMEOUT}. */
    private double recomputationsReaching(String topic, String period, double least) {
        long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
        double counted = recomputations(topic, period);
        while (counted < least && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            counted = recomputations(topic, period);
        }
        return counted;
    }

    private double recomputations(String topic, String period) {
        return registry.find("careboard.realtime.recomputations").tags("topic", topic, "period", period).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    /** The keys in Redis's cluster-wide subscription set, without the replica. */
    private List<String> clusterMembers() {
        return redis.sortedSet(String.class).zrange(ClusterSubscriptions.SET, 0, -1).stream()
                .map(member -> member.substring(member.indexOf('|') + 1)).toList();
    }

    private static void commit(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
