package io.careboard.ingest;

import static io.careboard.ingest.IngestRequests.T0;
import static io.careboard.ingest.IngestRequests.T1;
import static io.careboard.ingest.IngestRequests.T2;
import static io.careboard.ingest.IngestRequests.consultation;
import static io.careboard.ingest.IngestRequests.doctor;
import static io.careboard.ingest.IngestRequests.observation;
import static io.careboard.ingest.IngestRequests.patient;
import static io.careboard.ingest.IngestRequests.payment;
import static io.careboard.ingest.IngestRequests.put;
import static io.careboard.ingest.IngestRequests.rating;
import static io.careboard.ingest.IngestRequests.seedConsultation;
import static io.careboard.ingest.IngestRequests.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.support.Fixtures;
import io.careboard.support.ReadModelRows;
import io.careboard.domain.DataVersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class SingleUpsertTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ReadModelRows rows;
    @Inject
    DataVersionRepository dataVersion;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    /**
     * A kind's round trip: a body, the field that versions it, a field to change with its new value,
     * and the table and column where the change shows.
     */
    record Kind(String kind, String path, Runnable prerequisites, Map<String, Object> body, String version,
            String field, Object newValue, String table, String column, Object stored, Object changed) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Kind> kinds() {
        Runnable none = () -> {
        };
        return Stream.of(
                new Kind("doctor", "/doctors/x1", none, doctor(), "updated_at", "specialty", "dermatology",
                        "doctors", "specialty", "cardiology", "dermatology"),
                new Kind("patient", "/patients/x1", none, patient(), "updated_at", "sex", "other",
                        "patients", "sex", "female", "other"),
                new Kind("consultation", "/consultations/x1", () -> {
                    put("/doctors/d1", doctor());
                    put("/patients/p1", patient());
                }, consultation("d1", "p1"), "updated_at", "status", "in_progress", "consultations", "status",
                        "scheduled", "in_progress"),
                new Kind("rating", "/ratings/x1", IngestRequests::seedConsultation, rating("c1"), "created_at", "score", 2,
                        "ratings", "score", (short) 4, (short) 2),
                new Kind("payment", "/payments/x1", IngestRequests::seedConsultation, payment("c1"), "updated_at",
                        "amount", 12, "payments", "amount", new BigDecimal("40.50"), new BigDecimal("12.00")),
                new Kind("health_observation", "/health-observations/x1",
                        () -> put("/patients/p1", patient()), observation("p1"), "observed_at", "value", 99.25,
                        "health_observations", "value", new BigDecimal("120.5000"), new BigDecimal("99.2500")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void createdThenUnchangedThenUpdatedThenStale(Kind k) {
        k.prerequisites().run();
        long versionBefore = currentVersion();

        put(k.path(), k.body()).statusCode(201)
                .body("kind", is(k.kind())).body("id", is("x1")).body("result", is("created"))
                .body("applied", is(true));
        assertEquals(k.stored(), rows.column(k.table(), k.column(), "x1"));
        long versionCreated = currentVersion();
        assertEquals(versionBefore + 1, versionCreated, "a change moves the data version once");

        put(k.path(), k.body()).statusCode(200).body("result", is("unchanged")).body("applied", is(true));
        assertEquals(versionCreated, currentVersion(), "a re-send changes nothing");

        Map<String, Object> newer = with(k.body(), k.field(), k.newValue(), k.version(), T2);
        put(k.path(), newer).statusCode(200).body("result", is("updated")).body("applied", is(true));
        assertEquals(k.changed(), rows.column(k.table(), k.column(), "x1"));

        put(k.path(), with(k.body(), k.version(), T0)).statusCode(200)
                .body("result", is("ignored_stale")).body("applied", is(false));
        assertEquals(k.changed(), rows.column(k.table(), k.column(), "x1"), "a stale state is dropped");

        put(k.path(), with(k.body(), k.version(), T2)).statusCode(200).body("result", is("updated"));
        assertEquals(k.stored(), rows.column(k.table(), k.column(), "x1"),
                "an equal timestamp with other content wins");
        assertEquals(1, rows.count(k.table()));
    }

    @Test
    void resendsCompareAtStoredPrecision() {
        seedConsultation();
        Map<String, Object> precise = with(consultation("d1", "p1"), "fee", new BigDecimal("40.0"),
                "started_at", "2026-11-02T09:01:02.123456789Z", "updated_at", "2026-11-01T12:00:00.0000004+01:00");
        put("/consultations/c1", precise).statusCode(200).body("result", is("updated"));
        put("/consultations/c1", precise).statusCode(200).body("result", is("unchanged"));
        put("/consultations/c1", with(precise, "fee", 40, "started_at", "2026-11-02T10:01:02.123456+01:00"))
                .statusCode(200).body("result", is("unchanged"));

        put("/patients/p1", with(patient(), "updated_at", "2026-11-01T12:00:00+01:00"))
                .statusCode(200).body("result", is("unchanged"));
        put("/health-observations/o1", with(observation("p1"), "value", new BigDecimal("120.50"))).statusCode(201);
        put("/health-observations/o1", with(observation("p1"), "value", 120.5)).body("result", is("unchanged"));
    }

    @Test
    void newerTimestampWithSameContentIsUnchanged() {
        put("/doctors/d1", doctor()).statusCode(201);
        long version = currentVersion();
        put("/doctors/d1", with(doctor(), "updated_at", T2)).statusCode(200).body("result", is("unchanged"));
        assertEquals(version, currentVersion());
        put("/doctors/d1", with(doctor(), "specialty", "neurology", "updated_at", T1))
                .statusCode(200).body("result", is("ignored_stale"));
    }

    @Test
    void patientWithoutBirthDateIsUnknown() {
        put("/patients/p1", with(patient(), "birth_date", null)).statusCode(201);
        put("/patients/p2", IngestRequests.without(patient(), "birth_date")).statusCode(201);
        assertEquals(null, rows.column("patients", "birth_date", "p1"));
        assertEquals(null, rows.column("patients", "birth_date", "p2"));
    }

    static Stream<Arguments> unknownReferences() {
        return Stream.of(
                Arguments.of("/consultations/c9", consultation("nobody", "p1"), "doctor_id"),
                Arguments.of("/consultations/c9", consultation("d1", "nobody"), "patient_id"),
                Arguments.of("/ratings/r9", rating("nothing"), "consultation_id"),
                Arguments.of("/payments/pay9", payment("nothing"), "consultation_id"),
                Arguments.of("/health-observations/o9", observation("nobody"), "patient_id"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("unknownReferences")
    void unknownReferenceIs422AndStoresNothing(String path, Map<String, Object> body, String field) {
        seedConsultation();
        Map<String, Long> before = rows.counts();
        long version = currentVersion();
        put(path, body).statusCode(422).contentType("application/problem+json")
                .body("status", is(422)).body("errors.field", contains(field))
                .body("errors[0].message", containsString("nobody".equals(body.get(field)) ? "nobody" : "nothing"));
        assertEquals(before, rows.counts());
        assertEquals(version, currentVersion());
    }

    @Test
    void reassigningAConsultationMovesItsRatingsAndPayments() {
        seedConsultation();
        put("/doctors/d2", with(doctor(), "full_name", "Dr. Second")).statusCode(201);
        put("/ratings/r1", rating("c1")).statusCode(201);
        put("/payments/pay1", payment("c1")).statusCode(201);
        assertEquals("d1", rows.column("ratings", "doctor_id", "r1"));

        put("/consultations/c1", with(consultation("d2", "p1"), "updated_at", T2))
                .statusCode(200).body("result", is("updated"));

        assertEquals("d2", rows.column("ratings", "doctor_id", "r1"));
        assertEquals("d2", rows.column("payments", "doctor_id", "pay1"));
        put("/ratings/r2", rating("c1")).statusCode(201);
        assertEquals("d2", rows.column("ratings", "doctor_id", "r2"));
    }

    @Test
    void moneyIsStoredWithTwoFractionDigits() {
        seedConsultation();
        put("/payments/pay1", with(payment("c1"), "amount", 7, "status", "refunded", "refunded_at", T2,
                "refunded_amount", 2.5)).statusCode(201);
        assertEquals(new BigDecimal("7.00"), rows.column("payments", "amount", "pay1"));
        assertEquals(new BigDecimal("2.50"), rows.column("payments", "refunded_amount", "pay1"));
        assertEquals(new BigDecimal("40.00"), rows.column("consultations", "fee", "c1"));
    }

    private long currentVersion() {
        return QuarkusTransaction.requiringNew().call(dataVersion::current);
    }
}
