package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careboard.TestTokens;
import io.careboard.cache.RedisAvailability;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.RatingCreated;
import io.careboard.support.FaultyLinks;
import io.careboard.support.Fixtures;
import io.careboard.support.TcpProxy;
import io.careboard.support.WsClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With Redis gone, the replica that sees a change still recomputes it and pushes it to its own
 * subscribers, numbered on from the last {@code seq}; when Redis is back, numbering goes on from
 * there cluster-wide.
 */
@QuarkusTest
@QuarkusTestResource(value = FaultyLinks.class, restrictToAnnotatedClass = true)
class PushWithoutRedisTest {

    @FaultyLinks.Redis
    TcpProxy redisLink;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Event<DomainEvent> events;

    @Inject
    RedisAvailability redis;

    @AfterEach
    void heal() throws IOException {
        redisLink.heal();
        await().atMost(Duration.ofSeconds(15)).until(redis::isUp);
    }

    @Test
    void theReplicaThatComputedPushesToItsOwnSubscribersWhileRedisIsDown() throws IOException {
        Instant now = Instant.now();
        fixtures.reset();
        fixtures.doctor("d1", "Dr. One", "cardiology").patient("p1", null, "male")
                .consultation("c1", "d1", "p1", "chat", "completed", now.minusSeconds(120), null, null);
        try (WsClient client = WsClient.connect(base.getPort(), TestTokens.forRoles(TestTokens.VIEWER))) {
            client.next("WELCOME");
            client.send("{\"action\":\"subscribe\",\"topics\":[\"doctors\"]}");
            long seq = client.next("METRICS").getLong("seq");

            redisLink.cut();
            await().atMost(Duration.ofSeconds(15)).until(() -> !redis.isUp());
            rate("r1", 3, now.minusSeconds(60));
            JsonObject local = client.next("DOCTOR_PERFORMANCE_UPDATE");
            assertThat(local.getLong("seq")).isEqualTo(seq + 1);
            assertThat(local.getJsonObject("data").encode()).contains("\"rating_count\":1");

            redisLink.heal();
            await().atMost(Duration.ofSeconds(15)).until(redis::isUp);
            rate("r2", 5, now.minusSeconds(30));
            JsonObject clustered = client.next("DOCTOR_PERFORMANCE_UPDATE");
            assertThat(clustered.getLong("seq")).as("numbering goes on past the local one").isEqualTo(seq + 2);
            assertThat(clustered.getJsonObject("data").encode()).contains("\"rating_count\":2");
        }
    }

    private void rate(String id, int score, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            fixtures.rating(id, "c1", score, at);
            events.fire(new RatingCreated(id, "c1", "d1", score, at));
        });
    }
}
