package io.careboard.cache;

import static io.careboard.support.Api.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.careboard.support.FaultyLinks;
import io.careboard.support.Fixtures;
import io.careboard.support.TcpProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis or PostgreSQL going away, through a TCP relay the test cuts: without Redis the metrics
 * still answer from PostgreSQL and caching resumes by itself; without PostgreSQL cached answers
 * are still served and the rest is 503 with Retry-After. Readiness says which one is down.
 */
@QuarkusTest
@QuarkusTestResource(value = FaultyLinks.class, restrictToAnnotatedClass = true)
class OutageTest {

    private static final String WEEK = "/api/v1/analytics/consultations?period=week&tz=Europe/Berlin";
    private static final String MONTH = "/api/v1/analytics/consultations?period=month&tz=Europe/Berlin";

    @FaultyLinks.Postgres
    TcpProxy postgres;

    @FaultyLinks.Redis
    TcpProxy redisLink;

    @Inject
    Fixtures fixtures;

    @Inject
    RedisAvailability redis;

    @Inject
    AnswerCache answers;

    @BeforeEach
    void bothUp() throws IOException {
        heal();
        fixtures.reset();
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology").patient("p1", null, "male")
                .consultation("c1", "d1", "p1", "chat", "completed", Instant.now().minusSeconds(60), null, null);
    }

    @AfterEach
    void heal() throws IOException {
        postgres.heal();
        redisLink.heal();
        await().atMost(Duration.ofSeconds(15)).until(redis::isUp);
    }

    @Test
    void withoutRedisMetricsAnswerFromPostgresAndCachingResumesByItself() throws IOException {
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("MISS")).body("data.total", is(1));

        redisLink.cut();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asViewer().get(WEEK).then().statusCode(200)
                .body("meta.cache", is("BYPASS")).body("data.total", is(1)));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Redis connection health check' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));

        redisLink.heal();
        await().atMost(Duration.ofSeconds(15)).until(redis::isUp);
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("MISS"));
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("HIT"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void withoutPostgresCachedAnswersAreServedAndTheRestIs503() throws IOException {
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("MISS"));

        postgres.cut();
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("HIT")).body("data.total", is(1));
        answers.forgetEverythingLocally();
        asViewer().get(WEEK).then().statusCode(200).body("meta.cache", is("HIT")).body("data.total", is(1));
        asViewer().get(MONTH).then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("status", is(503));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Database connections health check' }.status", is("DOWN"))
                .body("checks.status", hasItem("UP"));

        postgres.heal();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer().get(MONTH).then().statusCode(200)
                .body("data.total", is(1)));
    }
}
