package io.careboard.cache;

import static io.careboard.support.Api.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.careboard.metrics.CacheTtls;
import io.careboard.metrics.MetricFamily;
import io.careboard.support.Fixtures;
import io.careboard.support.SqlStatements;
import io.careboard.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Redis caches as Redis itself shows them: keys, TTLs, hits that read nothing, one computation per stampede. */
@QuarkusTest
class CachingTest {

    /** The contract's statement budget per cold computation (the seed's query counts). */
    static final Map<MetricFamily, Integer> STATEMENT_BUDGET = Map.of(
            MetricFamily.CONSULTATIONS, 4, MetricFamily.DOCTORS, 2, MetricFamily.REVENUE, 2,
            MetricFamily.HEALTH_TRENDS, 2, MetricFamily.OVERVIEW, 3, MetricFamily.RANGE, 2);

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    RedisDataSource redis;

    @Inject
    SqlStatements statements;

    @Inject
    AnswerCache answers;

    @Inject
    CacheStatistics statistics;

    @Inject
    CacheTtls ttls;

    @BeforeEach
    void someData() {
        fixtures.reset();
        // Mid-morning UTC: no named period's entry is cut short by midnight here.
        clock.freezeAt(Instant.parse("2026-11-20T10:00:00Z"));
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology").patient("p1", null, "female")
                .consultation("c1", "d1", "p1", "video", "completed", Instant.parse("2026-11-19T09:00:00Z"),
                        Instant.parse("2026-11-19T09:00:00Z"), Instant.parse("2026-11-19T09:20:00Z"))
                .rating("r1", "c1", 5, Instant.parse("2026-11-19T10:00:00Z"))
                .payment("pay1", "c1", "80.00", "card", "paid", Instant.parse("2026-11-19T09:30:00Z"), null, null);
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    /** Each family's request, and the key its answer must be stored under. */
    static String path(MetricFamily family) {
        return "/api/v1/analytics/" + family.cacheName() + switch (family) {
            case RANGE -> "?from=2026-01-01&to=2026-03-31&granularity=week&tz=Europe/Berlin";
            case DOCTORS -> "?period=week&tz=Europe/Berlin&sort=rating&limit=7";
            default -> "?period=week&tz=Europe/Berlin";
        };
    }

    static String expectedKey(MetricFamily family) {
        return "cache:" + family.cacheName() + ":" + switch (family) {
            case RANGE -> "2026-01-01|2026-03-31|week|Europe/Berlin";
            case DOCTORS -> "week|Europe/Berlin|rating|7";
            default -> "week|Europe/Berlin";
        };
    }

    @ParameterizedTest
    @EnumSource(MetricFamily.class)
    void aMissStoresOneKeyWithTheFamilysTtlAndAHitReadsNothing(MetricFamily family) {
        long missStatements = statements.during(() -> asViewer().get(path(family)).then().statusCode(200)
                .header("ETag", notNullValue()).body("meta.cache", is("MISS")));
        assertThat(missStatements).isBetween(1L, (long) STATEMENT_BUDGET.get(family));

        assertThat(redis.key(String.class).keys("cache:" + family.cacheName() + ":*"))
                .containsExactly(expectedKey(family));
        long ttlMillis = redis.key(String.class).pttl(expectedKey(family));
        long configured = ttls.of(family).toMillis();
        assertThat(ttlMillis).isBetween(configured - 30_000, configured);

        // From the near-cache, then from Redis alone: neither touches PostgreSQL.
        assertThat(statements.during(() -> asViewer().get(path(family)).then().statusCode(200)
                .body("meta.cache", is("HIT")))).isZero();
        answers.forgetEverythingLocally();
        assertThat(statements.during(() -> asViewer().get(path(family)).then().statusCode(200)
                .body("meta.cache", is("HIT")))).isZero();
    }

    @Test
    void anUnchangedAnswerRevalidatesAs304() {
        Response first = asViewer().get(path(MetricFamily.OVERVIEW));
        String etag = first.header("ETag");
        asViewer().header("If-None-Match", etag).get(path(MetricFamily.OVERVIEW))
                .then().statusCode(304).header("ETag", is(etag));
        asViewer().header("If-None-Match", "\"something-else\"").get(path(MetricFamily.OVERVIEW))
                .then().statusCode(200).header("ETag", is(etag));
    }

    @Test
    void concurrentRequestsForAColdKeyComputeOnce() throws Exception {
        int requests = 24;
        long missesBefore = statistics.misses();
        ExecutorService callers = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> asViewer().get(path(MetricFamily.CONSULTATIONS)).statusCode());
            }
            long used = statements.during(() -> {
                try {
                    for (Future<Integer> status : callers.invokeAll(calls)) {
                        assertThat(status.get()).isEqualTo(200);
                    }
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            });
            assertThat(statistics.misses() - missesBefore).isEqualTo(1);
            assertThat(used).isBetween(1L, (long) STATEMENT_BUDGET.get(MetricFamily.CONSULTATIONS));
        } finally {
            callers.shutdownNow();
        }
    }
}
