package io.careboard.ingest;

import static io.careboard.ingest.IngestRequests.consultation;
import static io.careboard.ingest.IngestRequests.doctor;
import static io.careboard.ingest.IngestRequests.ingest;
import static io.careboard.ingest.IngestRequests.item;
import static io.careboard.ingest.IngestRequests.observation;
import static io.careboard.ingest.IngestRequests.patient;
import static io.careboard.ingest.IngestRequests.payment;
import static io.careboard.ingest.IngestRequests.rating;
import static io.careboard.ingest.IngestRequests.with;
import static io.careboard.ingest.IngestRequests.without;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.support.Fixtures;
import io.careboard.support.ReadModelRows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input of every kind is answered 4xx with problem details naming the field, and
 * stores nothing. Doctor d1, patient p1 and consultation c1 exist, so references are valid.
 */
@QuarkusTest
class MalformedInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_ID = "x".repeat(65);

    @Inject
    Fixtures fixtures;
    @Inject
    ReadModelRows rows;

    @BeforeEach
    void seed() {
        fixtures.reset();
        IngestRequests.seedConsultation();
    }

    record Case(String name, String path, String contentType, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // doctors
        cases.add(put("full_name missing", "/doctors/d9", without(doctor(), "full_name"), "full_name"));
        cases.add(put("full_name blank", "/doctors/d9", with(doctor(), "full_name", "   "), "full_name"));
        cases.add(put("full_name 201 chars", "/doctors/d9", with(doctor(), "full_name", "n".repeat(201)), "full_name"));
        cases.add(put("full_name a number", "/doctors/d9", with(doctor(), "full_name", 42), "full_name"));
        cases.add(put("specialty with NUL", "/doctors/d9", with(doctor(), "specialty", "card\u0000io"), "specialty"));
        cases.add(put("active a string", "/doctors/d9", with(doctor(), "active", "yes"), "active"));
        cases.add(put("active a number", "/doctors/d9", with(doctor(), "active", 1), "active"));
        cases.add(put("active missing", "/doctors/d9", without(doctor(), "active"), "active"));
        cases.add(put("updated_at without offset", "/doctors/d9",
                with(doctor(), "updated_at", "2026-11-01T10:00:00"), "updated_at"));
        cases.add(put("updated_at epoch seconds", "/doctors/d9", with(doctor(), "updated_at", 1700000000),
                "updated_at"));
        cases.add(put("updated_at month 13", "/doctors/d9", with(doctor(), "updated_at", "2026-13-01T00:00:00Z"),
                "updated_at"));
        cases.add(put("id 65 chars", "/doctors/" + LONG_ID, doctor(), "id"));
        cases.add(put("id with a space", "/doctors/d%201", doctor(), "id"));
        cases.add(put("id with a dollar", "/doctors/d$1", doctor(), "id"));
        cases.add(new Case("body not JSON", "/api/v1/doctors/d9", "application/json", "{\"full_name\":", 400, "body"));
        cases.add(new Case("body an array", "/api/v1/doctors/d9", "application/json", "[]", 400, "body"));
        cases.add(new Case("body empty", "/api/v1/doctors/d9", "application/json", "", 400, "body"));
        // patients
        cases.add(put("sex upper case", "/patients/p9", with(patient(), "sex", "FEMALE"), "sex"));
        cases.add(put("sex missing", "/patients/p9", without(patient(), "sex"), "sex"));
        cases.add(put("birth_date 30 February", "/patients/p9", with(patient(), "birth_date", "1980-02-30"),
                "birth_date"));
        cases.add(put("birth_date a date-time", "/patients/p9",
                with(patient(), "birth_date", "1980-01-01T00:00:00Z"), "birth_date"));
        cases.add(put("birth_date an array", "/patients/p9", with(patient(), "birth_date", List.of(1980, 1, 1)),
                "birth_date"));
        // consultations
        Map<String, Object> consultation = consultation("d1", "p1");
        cases.add(put("type unknown", "/consultations/c9", with(consultation, "type", "phone"), "type"));
        cases.add(put("status missing", "/consultations/c9", without(consultation, "status"), "status"));
        cases.add(put("fee negative", "/consultations/c9", with(consultation, "fee", -1), "fee"));
        cases.add(put("fee 3 decimals", "/consultations/c9", with(consultation, "fee", 10.005), "fee"));
        cases.add(put("fee a string", "/consultations/c9", with(consultation, "fee", "40"), "fee"));
        cases.add(put("fee too large", "/consultations/c9", with(consultation, "fee", 1e20), "fee"));
        cases.add(put("doctor_id 65 chars", "/consultations/c9", with(consultation, "doctor_id", LONG_ID),
                "doctor_id"));
        cases.add(put("doctor_id with a slash", "/consultations/c9", with(consultation, "doctor_id", "d/1"),
                "doctor_id"));
        cases.add(put("diagnosis_code lower case", "/consultations/c9", with(consultation, "diagnosis_code", "j45"),
                "diagnosis_code"));
        cases.add(put("ended_at before started_at", "/consultations/c9", with(consultation, "status", "completed",
                "started_at", "2026-11-02T09:30:00Z", "ended_at", "2026-11-02T09:29:59Z"), "ended_at"));
        cases.add(put("scheduled_at year 10000", "/consultations/c9",
                with(consultation, "scheduled_at", "+10000-01-01T00:00:00Z"), "scheduled_at"));
        // ratings
        cases.add(put("score 0", "/ratings/r9", with(rating("c1"), "score", 0), "score"));
        cases.add(put("score 6", "/ratings/r9", with(rating("c1"), "score", 6), "score"));
        cases.add(put("score 4.5", "/ratings/r9", with(rating("c1"), "score", 4.5), "score"));
        cases.add(put("score a string", "/ratings/r9", with(rating("c1"), "score", "4"), "score"));
        cases.add(put("comment 2001 chars", "/ratings/r9", with(rating("c1"), "comment", "c".repeat(2001)),
                "comment"));
        cases.add(put("consultation_id missing", "/ratings/r9", without(rating("c1"), "consultation_id"),
                "consultation_id"));
        // payments
        cases.add(put("method unknown", "/payments/pay9", with(payment("c1"), "method", "cash"), "method"));
        cases.add(put("paid without paid_at", "/payments/pay9", without(payment("c1"), "paid_at"), "paid_at"));
        cases.add(put("refunded without refunded_at", "/payments/pay9", with(payment("c1"), "status", "refunded"),
                "refunded_at"));
        cases.add(put("refund above amount", "/payments/pay9", with(payment("c1"), "status", "refunded",
                "refunded_at", IngestRequests.T2, "refunded_amount", 41), "refunded_amount"));
        cases.add(put("amount 3 decimals", "/payments/pay9", with(payment("c1"), "amount", 10.123), "amount"));
        cases.add(put("amount negative", "/payments/pay9", with(payment("c1"), "amount", -0.01), "amount"));
        // health observations
        cases.add(put("code not LOINC", "/health-observations/o9", with(observation("p1"), "code", "ABC"), "code"));
        cases.add(put("value 5 decimals", "/health-observations/o9", with(observation("p1"), "value", 1.23456),
                "value"));
        cases.add(put("unit empty", "/health-observations/o9", with(observation("p1"), "unit", ""), "unit"));
        cases.add(put("unit 33 chars", "/health-observations/o9", with(observation("p1"), "unit", "u".repeat(33)),
                "unit"));
        cases.add(put("observed_at missing", "/health-observations/o9", without(observation("p1"), "observed_at"),
                "observed_at"));
        // bulk
        Map<String, Object> validDoctor = item("doctor", "d8", doctor());
        cases.add(bulk("bulk of 10,001 items", IntStream.range(0, 10_001)
                .mapToObj(i -> item("doctor", "bd" + i, doctor())).toList(), "body"));
        cases.add(bulk("bulk not an array", validDoctor, "body"));
        cases.add(bulk("bulk kind unknown", List.of(item("nurse", "n1", doctor())), "[0].kind"));
        cases.add(bulk("bulk kind missing", List.of(without(validDoctor, "kind")), "[0].kind"));
        cases.add(bulk("bulk id missing", List.of(without(validDoctor, "id")), "[0].id"));
        cases.add(bulk("bulk id 65 chars", List.of(item("doctor", LONG_ID, doctor())), "[0].id"));
        cases.add(bulk("bulk item not an object", List.of("doctor"), "[0]"));
        cases.add(bulk("bulk bad score in item 3", List.of(validDoctor, item("patient", "p8", patient()),
                item("rating", "r8", rating("c1")), item("rating", "r7", with(rating("c1"), "score", 6))),
                "[3].score"));
        cases.add(bulk("bulk instant without offset", List.of(validDoctor,
                item("patient", "p8", with(patient(), "updated_at", "2026-11-01T10:00"))), "[1].updated_at"));
        cases.add(bulk("bulk ended before started", List.of(validDoctor, item("patient", "p8", patient()),
                item("consultation", "c8", with(consultation, "started_at", "2026-11-02T09:30:00Z",
                        "ended_at", "2026-11-02T09:00:00Z"))), "[2].ended_at"));
        cases.add(new Case("bulk JSON syntax error", "/api/v1/ingest", "application/json", "[{\"kind\":", 400,
                "body"));
        cases.add(new Case("ndjson malformed line 2", "/api/v1/ingest", BulkIngestResource.NDJSON,
                ndjson(List.of(validDoctor)) + "{\"kind\": \"doctor\",\n", 400, "[1]"));
        cases.add(new Case("ndjson wrong type", "/api/v1/ingest", BulkIngestResource.NDJSON,
                ndjson(List.of(item("rating", "r8", with(rating("c1"), "score", "five")))), 400, "[0].score"));
        cases.add(new Case("ndjson array line", "/api/v1/ingest", BulkIngestResource.NDJSON,
                ndjson(List.of(validDoctor)) + "[1, 2]\n", 400, "[1]"));
        cases.add(new Case("ndjson of 10,001 lines", "/api/v1/ingest", BulkIngestResource.NDJSON,
                ndjson(IntStream.range(0, 10_001).mapToObj(i -> item("doctor", "bd" + i, doctor())).toList()), 400,
                "body"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answered4xxNamingTheFieldAndStoresNothing(Case c) {
        Map<String, Long> before = rows.counts();
        ingest().contentType(c.contentType()).body(c.body().getBytes(StandardCharsets.UTF_8))
                .when().request(c.path().startsWith("/api/v1/ingest") ? "POST" : "PUT", c.path())
                .then().statusCode(c.status())
                .contentType("application/problem+json")
                .body("status", is(c.status()))
                .body("type", is("urn:careboard:problem:invalid-input"))
                .body("errors.field", hasItem(c.field()))
                .body("detail", not(containsString("io.careboard")));
        assertEquals(before, rows.counts(), "nothing stored");
    }

    private static Case put(String name, String path, Object body, String field) {
        return new Case(name, "/api/v1" + path, "application/json", json(body), 400, field);
    }

    private static Case bulk(String name, Object body, String field) {
        return new Case(name, "/api/v1/ingest", "application/json", json(body), 400, field);
    }

    private static String ndjson(List<Map<String, Object>> items) {
        return items.stream().map(MalformedInputTest::json).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
