package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.careboard.support.AppInstance;
import io.careboard.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two packaged Careboard replicas sharing PostgreSQL and Redis: a change ingested on either
 * reaches the subscribers of both, each exactly once and with the same {@code seq}; a replica
 * that stops tells its clients to go elsewhere first.
 */
class PushAcrossReplicasIT {

    private static final String SUBSCRIBE = "{\"action\":\"subscribe\",\"topics\":[\"consultations\"]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aChangeOnOneReplicaReachesTheSubscribersOfBothOnceWithTheSameSeq() throws Exception {
        try (AppInstance first = AppInstance.start("push-replica-1", Map.of());
                AppInstance second = AppInstance.start("push-replica-2", Map.of());
                WsClient onFirst = subscribed(first);
                WsClient onSecond = subscribed(second)) {
            long seq = onFirst.next("METRICS").getLong("seq");
            assertThat(onSecond.next("METRICS").getLong("seq")).isEqualTo(seq);
            put(first, "/api/v1/doctors/d-" + run, "{\"full_name\":\"Dr. Replica\",\"specialty\":\"neurology\","
                    + "\"active\":true,\"updated_at\":\"" + Instant.now() + "\"}");
            put(first, "/api/v1/patients/p-" + run, "{\"birth_date\":\"1980-02-03\",\"sex\":\"other\","
                    + "\"updated_at\":\"" + Instant.now() + "\"}");

            consultation(first, "c1-" + run);
            JsonObject fromFirst = onFirst.next("CONSULTATION_UPDATE");
            JsonObject fromSecond = onSecond.next("CONSULTATION_UPDATE");
            assertThat(fromFirst.getLong("seq")).isEqualTo(seq + 1);
            assertThat(fromSecond.getLong("seq")).isEqualTo(seq + 1);
            assertThat(fromSecond.getJsonObject("data")).isEqualTo(fromFirst.getJsonObject("data"));

            consultation(second, "c2-" + run);
            for (WsClient client : List.of(onFirst, onSecond)) {
                JsonObject next = client.next("CONSULTATION_UPDATE");
                assertThat(next.getLong("seq")).as("once each: no repeat of the first").isEqualTo(seq + 2);
                assertThat(next.getJsonObject("data").getInteger("total"))
                        .isEqualTo(fromFirst.getJsonObject("data").getInteger("total") + 1);
            }
        }
    }

    @Test
    void aStoppingReplicaSendsGoingAwayWithAJitteredDelayBeforeClosing() throws Exception {
        AppInstance replica = AppInstance.start("push-stopping", Map.of());
        try (WsClient client = WsClient.connect(replica.port(), TestTokens.forRoles(TestTokens.VIEWER))) {
            client.next("WELCOME");
            replica.close();
            JsonObject goingAway = client.next("GOING_AWAY");
            assertThat(goingAway.getLong("retry_after_ms")).isBetween(1_000L, 10_000L);
            assertThat(client.closeCode()).isEqualTo(1001);
        } finally {
            replica.close();
        }
    }

    private WsClient subscribed(AppInstance replica) {
        WsClient client = WsClient.connect(replica.port(), TestTokens.forRoles(TestTokens.VIEWER));
        client.next("WELCOME");
        client.send(SUBSCRIBE);
        return client;
    }

    private void consultation(AppInstance replica, String id) throws IOException, InterruptedException {
        Instant now = Instant.now();
        put(replica, "/api/v1/consultations/" + id, "{\"doctor_id\":\"d-" + run + "\",\"patient_id\":\"p-" + run
                + "\",\"type\":\"video\",\"status\":\"scheduled\",\"scheduled_at\":\"" + now.minusSeconds(30)
                + "\",\"fee\":40.00,\"updated_at\":\"" + now + "\"}");
    }

    private void put(AppInstance replica, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(replica.uri(path))
                .header("Authorization", TestTokens.bearer(TestTokens.INGEST))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isIn(200, 201);
    }
}
