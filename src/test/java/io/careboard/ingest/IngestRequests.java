package io.careboard.ingest;

import static io.restassured.RestAssured.given;

import io.careboard.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;

/** Valid bodies of the write API, as mutable maps a test can spoil, and request shortcuts. */
final class IngestRequests {

    static final String T0 = "2026-11-01T10:00:00Z";
    static final String T1 = "2026-11-01T11:00:00Z";
    static final String T2 = "2026-11-01T12:00:00Z";

    private IngestRequests() {
    }

    static Map<String, Object> doctor() {
        return body("full_name", "Dr. Ada Example", "specialty", "cardiology", "active", true, "updated_at", T1);
    }

    static Map<String, Object> patient() {
        return body("birth_date", "1980-02-29", "sex", "female", "updated_at", T1);
    }

    static Map<String, Object> consultation(String doctorId, String patientId) {
        return body("doctor_id", doctorId, "patient_id", patientId, "type", "video", "status", "scheduled",
                "scheduled_at", "2026-11-02T09:00:00Z", "fee", 40, "updated_at", T1);
    }

    static Map<String, Object> rating(String consultationId) {
        return body("consultation_id", consultationId, "score", 4, "comment", "helpful", "created_at", T1);
    }

    static Map<String, Object> payment(String consultationId) {
        return body("consultation_id", consultationId, "amount", 40.5, "method", "card", "status", "paid",
                "paid_at", T1, "updated_at", T1);
    }

    static Map<String, Object> observation(String patientId) {
        return body("patient_id", patientId, "code", "8480-6", "value", 120.5, "unit", "mm[Hg]", "observed_at", T1);
    }

    /** A bulk item: the body with its kind and id. */
    static Map<String, Object> item(String kind, String id, Map<String, Object> fields) {
        Map<String, Object> item = body("kind", kind, "id", id);
        item.putAll(fields);
        return item;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(key);
        return copy;
    }

    static RequestSpecification ingest() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.INGEST)).contentType(ContentType.JSON);
    }

    static ValidatableResponse put(String path, Object body) {
        return ingest().body(body).when().put("/api/v1" + path).then();
    }

    /** Stores doctor d1, patient p1 and consultation c1 of both. */
    static void seedConsultation() {
        put("/doctors/d1", doctor()).statusCode(201);
        put("/patients/p1", patient()).statusCode(201);
        put("/consultations/c1", consultation("d1", "p1")).statusCode(201);
    }

    private static Map<String, Object> body(Object... keyValues) {
        return with(new LinkedHashMap<>(), keyValues);
    }
}
