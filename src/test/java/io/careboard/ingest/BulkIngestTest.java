package io.careboard.ingest;

import static io.careboard.ingest.IngestRequests.T0;
import static io.careboard.ingest.IngestRequests.T1;
import static io.careboard.ingest.IngestRequests.T2;
import static io.careboard.ingest.IngestRequests.consultation;
import static io.careboard.ingest.IngestRequests.doctor;
import static io.careboard.ingest.IngestRequests.ingest;
import static io.careboard.ingest.IngestRequests.item;
import static io.careboard.ingest.IngestRequests.observation;
import static io.careboard.ingest.IngestRequests.patient;
import static io.careboard.ingest.IngestRequests.payment;
import static io.careboard.ingest.IngestRequests.rating;
import static io.careboard.ingest.IngestRequests.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.support.Fixtures;
import io.careboard.support.ReadModelRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkIngestTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ReadModelRows rows;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    /** One entity of every kind, each referring to ones before it. */
    static List<Map<String, Object>> everyKind() {
        return List.of(
                item("doctor", "d1", doctor()),
                item("patient", "p1", patient()),
                item("consultation", "c1", with(consultation("d1", "p1"), "status", "completed",
                        "started_at", "2026-11-02T09:05:00Z", "ended_at", "2026-11-02T09:25:00Z",
                        "diagnosis_code", "J45.909")),
                item("rating", "r1", rating("c1")),
                item("payment", "pay1", payment("c1")),
                item("health_observation", "o1", observation("p1")));
    }

    @Test
    void jsonArrayOfEveryKindIsCreatedInOrder() {
        post(everyKind()).statusCode(200)
                .body("applied", is(6)).body("ignored_stale", is(0)).body("errors", is(0))
                .body("results.index", contains(0, 1, 2, 3, 4, 5))
                .body("results.kind", contains("doctor", "patient", "consultation", "rating", "payment",
                        "health_observation"))
                .body("results.id", contains("d1", "p1", "c1", "r1", "pay1", "o1"))
                .body("results.result", everyItem(is("applied")))
                .body("results.change", everyItem(is("created")))
                .body("results.status", everyItem(is(201)))
                .body("results.errors", everyItem(nullValue()));
        assertEquals(Map.of("doctors", 1L, "patients", 1L, "consultations", 1L, "ratings", 1L, "payments", 1L,
                "health_observations", 1L), rows.counts());
        assertEquals("d1", rows.column("ratings", "doctor_id", "r1"));
        assertEquals("d1", rows.column("payments", "doctor_id", "pay1"));

        post(everyKind()).statusCode(200).body("applied", is(6))
                .body("results.change", everyItem(is("unchanged"))).body("results.status", everyItem(is(200)));
    }

    @Test
    void ndjsonIsReadLineByLineSkippingBlankLines() {
        String body = everyKind().stream().map(BulkIngestTest::json).collect(Collectors.joining("\n\n", "", "\n"));
        ingest().contentType(BulkIngestResource.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/ingest")
                .then().statusCode(200).body("applied", is(6)).body("results", hasSize(6))
                .body("results.change", everyItem(is("created")));
        assertEquals(6L, rows.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void ofSeveralVersionsInOneBatchTheNewestWins() {
        post(List.of(
                item("doctor", "d1", with(doctor(), "specialty", "newest", "updated_at", T2)),
                item("doctor", "d1", with(doctor(), "specialty", "older", "updated_at", T1)),
                item("doctor", "d2", with(doctor(), "specialty", "older", "updated_at", T1)),
                item("doctor", "d2", with(doctor(), "specialty", "newest", "updated_at", T2))))
                .statusCode(200).body("applied", is(3)).body("ignored_stale", is(1))
                .body("results.result", contains("applied", "ignored_stale", "applied", "applied"))
                .body("results.change", contains("created", null, "created", "updated"));
        assertEquals("newest", rows.column("doctors", "specialty", "d1"));
        assertEquals("newest", rows.column("doctors", "specialty", "d2"));

        post(List.of(item("doctor", "d1", with(doctor(), "updated_at", T0)))).body("ignored_stale", is(1))
                .body("results[0].status", is(200));
    }

    @Test
    void anUnknownReferenceRejectsItsItemAloneAndLaterItemsSeeOnlyEarlierOnes() {
        post(List.of(
                item("consultation", "c1", consultation("d1", "p1")),
                item("doctor", "d1", doctor()),
                item("patient", "p1", patient()),
                item("consultation", "c2", consultation("d1", "p1")),
                item("rating", "r1", rating("ghost"))))
                .statusCode(200).body("applied", is(3)).body("errors", is(2))
                .body("results.result", contains("error", "applied", "applied", "applied", "error"))
                .body("results.status", contains(422, 201, 201, 201, 422))
                .body("results[0].errors.field", contains("doctor_id"))
                .body("results[0].change", nullValue())
                .body("results[4].errors.field", contains("consultation_id"));
        assertEquals(0L, rows.count("ratings"));
        assertEquals(null, rows.column("consultations", "id", "c1"));
        assertEquals("c2", rows.column("consultations", "id", "c2"));
    }

    @Test
    void reassigningAConsultationInABulkMovesItsRatingsAndPayments() {
        post(everyKind()).statusCode(200);
        post(List.of(
                item("doctor", "d2", doctor()),
                item("consultation", "c1", with(consultation("d2", "p1"), "updated_at", T2)),
                item("rating", "r2", rating("c1"))))
                .statusCode(200).body("results.change", contains("created", "updated", "created"));
        assertEquals("d2", rows.column("ratings", "doctor_id", "r1"));
        assertEquals("d2", rows.column("ratings", "doctor_id", "r2"));
        assertEquals("d2", rows.column("payments", "doctor_id", "pay1"));
    }

    @Test
    void anEmptyArrayAppliesNothing() {
        post(List.of()).statusCode(200).body("applied", is(0)).body("results", hasSize(0));
    }

    @Test
    void anotherMediaTypeIs415() {
        ingest().contentType("text/csv").body("kind,id\n").when().post("/api/v1/ingest")
                .then().statusCode(415).contentType("application/problem+json").body("status", is(415));
    }

    private static ValidatableResponse post(List<Map<String, Object>> items) {
        return ingest().body(items).when().post("/api/v1/ingest").then();
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
