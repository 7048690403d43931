package io.careboard.cache;

import static io.careboard.support.Api.asAdmin;
import static io.careboard.support.Api.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.careboard.TestTokens;
import io.careboard.metrics.MetricFamily;
import io.careboard.support.Fixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /cache/status}, {@code /cache/warm}, {@code /refresh} and {@code /realtime}, checked against Redis. */
@QuarkusTest
class CacheAdminTest {

    @Inject
    Fixtures fixtures;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void someData() {
        fixtures.reset();
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology").patient("p1", null, "female")
                .consultation("c1", "d1", "p1", "video", "completed", Instant.now().minusSeconds(600),
                        Instant.now().minusSeconds(590), Instant.now().minusSeconds(60));
    }

    @Test
    void statusCountsKeysSizesTtlsAndHitsFromRedisAndSinceStart() {
        JsonPath before = asAdmin().get("/api/v1/analytics/cache/status").then().statusCode(200).extract().jsonPath();
        asViewer().get("/api/v1/analytics/consultations?period=week").then().statusCode(200);
        asViewer().get("/api/v1/analytics/consultations?period=week").then().statusCode(200);
        asViewer().get("/api/v1/analytics/revenue?period=month").then().statusCode(200);

        JsonPath after = asAdmin().get("/api/v1/analytics/cache/status").then().statusCode(200)
                .body("total_keys", is(2))
                .body("estimated_size_bytes", greaterThan(0))
                .body("avg_ttl_seconds", notNullValue())
                .body("caches.name", contains("consultations", "doctors", "revenue", "health-trends", "overview",
                        "range"))
                .body("caches.keys", contains(1, 0, 1, 0, 0, 0))
                .body("caches.ttl_seconds", contains(300, 600, 900, 600, 300, 1800))
                .extract().jsonPath();
        assertThat(after.getLong("misses") - before.getLong("misses")).isEqualTo(2);
        assertThat(after.getLong("hits") - before.getLong("hits")).isEqualTo(1);
        assertThat(after.getDouble("avg_ttl_seconds")).isBetween(100.0, 900.0);
        assertThat(after.getLong("caches[0].size_bytes")).isPositive();
    }

    @Test
    void refreshDropsEveryAnalyticsEntry() {
        asViewer().get("/api/v1/analytics/consultations?period=week").then().statusCode(200);
        asViewer().get("/api/v1/analytics/overview?period=year").then().statusCode(200);
        asAdmin().post("/api/v1/analytics/refresh").then().statusCode(200).body("dropped", is(2));
        assertThat(redis.key(String.class).keys("cache:*")).isEmpty();
        asViewer().get("/api/v1/analytics/overview?period=year").then().statusCode(200).body("meta.cache", is("MISS"));
    }

    @Test
    void warmComputesEveryFamilyInPriorityOrderForEveryNamedPeriod() {
        asAdmin().post("/api/v1/analytics/cache/warm").then().statusCode(200)
                .body("status", is("warmed"))
                .body("warmed", hasSize(20))
                .body("warmed.metric", contains(
                        "consultations", "consultations", "consultations", "consultations",
                        "doctors", "doctors", "doctors", "doctors",
                        "revenue", "revenue", "revenue", "revenue",
                        "health_trends", "health_trends", "health_trends", "health_trends",
                        "overview", "overview", "overview", "overview"))
                .body("warmed.period", everyItem(org.hamcrest.Matchers.in(List.of("today", "week", "month", "year"))))
                .body("warmed.timezone", everyItem(is("UTC")));
        for (MetricFamily family : MetricFamily.WARMING_ORDER) {
            assertThat(redis.key(String.class).keys("cache:" + family.cacheName() + ":*")).hasSize(4);
        }
        asViewer().get("/api/v1/analytics/health-trends?period=month").then().statusCode(200)
                .body("meta.cache", is("HIT"));
    }

    @Test
    void aWarmWhileAnotherRunsDoesNothing() {
        redis.value(String.class).set(CacheWarmer.LOCK, "held by another replica");
        asAdmin().post("/api/v1/analytics/cache/warm").then().statusCode(200)
                .body("status", is("skipped")).body("reason", is("another warm is running")).body("warmed", hasSize(0));
        assertThat(redis.key(String.class).keys("cache:*")).isEmpty();
    }

    @Test
    void realtimeComputesNowReplacesTheCachedOverviewAndIsRateLimited() {
        asViewer().get("/api/v1/analytics/overview").then().statusCode(200).body("meta.cache", is("MISS"));
        String caller = TestTokens.forCaller("realtime-caller", TestTokens.ADMIN);
        JsonPath fresh = io.restassured.RestAssured.given().header("Authorization", "Bearer " + caller)
                .get("/api/v1/analytics/realtime").then().statusCode(200)
                .body("metric", is("overview")).body("meta.cache", is("BYPASS")).extract().jsonPath();
        asViewer().get("/api/v1/analytics/overview").then().statusCode(200)
                .body("meta.cache", is("HIT"))
                .body("meta.computed_at", is(fresh.getString("meta.computed_at")));

        io.restassured.RestAssured.given().header("Authorization", "Bearer " + caller)
                .get("/api/v1/analytics/realtime").then().statusCode(429)
                .header("Retry-After", notNullValue()).body("status", is(429));
    }

    @Test
    void concurrentRealtimeCallsShareOneComputation() throws Exception {
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String token = TestTokens.forCaller("admin-" + i, TestTokens.ADMIN);
                calls.add(() -> io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                        .get("/api/v1/analytics/realtime").then().statusCode(200).extract().path("meta.computed_at"));
            }
            List<String> computedAt = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(calls)) {
                computedAt.add(answer.get());
            }
            // Six callers at once, and at most two computations (one may have finished before the last caller came).
            assertThat(computedAt.stream().distinct().count()).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
