package io.careboard.metrics;

import static io.careboard.support.Api.asViewer;
import static io.careboard.support.Api.dec;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.careboard.support.Fixtures;
import io.careboard.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/consultations} on hand-built fixtures, every expected figure worked out by
 * hand. The day is 2026-03-29 in Europe/Berlin, when clocks jump from 02:00 to 03:00.
 */
@QuarkusTest
class ConsultationMetricsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @BeforeEach
    void springForwardInBerlin() {
        fixtures.reset();
        // Now: 14:30 CEST on the day of the change, 12:30Z.
        clock.freezeAt(Instant.parse("2026-03-29T12:30:00Z"));
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology")
                .doctor("d2", "Dr. Ben Cole", "dermatology")
                .doctor("d3", "Dr. Cem Demir", "cardiology")
                .patient("p1", null, "female");
        // Today, from local midnight (23:00Z the day before):
        consultation("c10", "d1", "audio", "completed", "2026-03-28T23:00:00Z", "2026-03-28T23:00:00Z",
                "2026-03-28T23:10:00Z"); // exactly at the window's start: 10 min, wait 0
        consultation("c1", "d1", "video", "completed", "2026-03-28T23:30:00Z", "2026-03-28T23:35:00Z",
                "2026-03-28T23:55:00Z"); // 20 min, wait 5
        consultation("c2", "d2", "audio", "completed", "2026-03-29T01:15:00Z", "2026-03-29T01:15:00Z",
                "2026-03-29T01:45:00Z"); // 03:15 CEST: 30 min, wait 0
        consultation("c3", "d1", "chat", "cancelled", "2026-03-29T08:00:00Z", null, null);
        consultation("c4", "d3", "video", "no_show", "2026-03-29T09:00:00Z", null, null);
        consultation("c6", "d3", "video", "completed", "2026-03-29T10:00:00Z", "2026-03-29T09:58:00Z",
                "2026-03-29T10:40:00Z"); // 42 min, wait −2 (started early)
        consultation("c7", "d1", "video", "completed", "2026-03-29T11:00:00Z", "2026-03-29T11:00:00Z", null);
        consultation("c5", "d2", "video", "in_progress", "2026-03-29T12:00:00Z", "2026-03-29T12:10:00Z", null);
        consultation("c8", "d2", "chat", "scheduled", "2026-03-29T12:29:00Z", null, null);
        // Outside today: after now, and the last second of the day before.
        consultation("c9", "d2", "video", "scheduled", "2026-03-29T13:00:00Z", null, null);
        consultation("c11", "d1", "video", "completed", "2026-03-28T22:59:59Z", null, null);
        // Yesterday up to the same wall-clock time, 14:30 CET = 13:30Z:
        consultation("p1", "d1", "video", "completed", "2026-03-28T08:00:00Z", null, null);
        consultation("p2", "d2", "video", "cancelled", "2026-03-28T09:00:00Z", null, null);
        consultation("p3", "d3", "video", "completed", "2026-03-28T13:30:00Z", null, null); // the bound itself
        consultation("p4", "d1", "video", "completed", "2026-03-28T13:31:00Z", null, null);
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void todayOnTheSpringForwardDay() {
        asViewer().queryParam("period", "today").queryParam("tz", "Europe/Berlin")
                .get("/api/v1/analytics/consultations")
                .then().statusCode(200)
                .body("metric", is("consultations"))
                .body("period.name", is("today"))
                .body("period.from", is("2026-03-29T00:00:00+01:00"))
                .body("period.to", is("2026-03-29T14:30:00+02:00"))
                .body("period.timezone", is("Europe/Berlin"))
                .body("currency", is("EUR"))
                .body("data.total", is(9))
                .body("data.by_status.scheduled", is(1))
                .body("data.by_status.in_progress", is(1))
                .body("data.by_status.completed", is(5))
                .body("data.by_status.cancelled", is(1))
                .body("data.by_status.no_show", is(1))
                .body("data.by_type.video", is(5))
                .body("data.by_type.audio", is(2))
                .body("data.by_type.chat", is(2))
                .body("data.completion_rate", is(dec("0.7143")))
                .body("data.avg_duration_minutes", is(dec("25.5")))
                .body("data.median_duration_minutes", is(dec("25.0")))
                .body("data.avg_wait_minutes", is(dec("2.2")))
                .body("data.by_specialty.specialty", contains("cardiology", "dermatology"))
                .body("data.by_specialty.total", contains(6, 3))
                .body("data.by_specialty.completed", contains(4, 1))
                .body("data.series", hasSize(14))
                .body("data.series.bucket", contains("2026-03-29T00:00:00+01:00", "2026-03-29T01:00:00+01:00",
                        "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00", "2026-03-29T05:00:00+02:00",
                        "2026-03-29T06:00:00+02:00", "2026-03-29T07:00:00+02:00", "2026-03-29T08:00:00+02:00",
                        "2026-03-29T09:00:00+02:00", "2026-03-29T10:00:00+02:00", "2026-03-29T11:00:00+02:00",
                        "2026-03-29T12:00:00+02:00", "2026-03-29T13:00:00+02:00", "2026-03-29T14:00:00+02:00"))
                .body("data.series.total", contains(2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2))
                .body("data.series.completed", contains(2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0))
                .body("data.previous.total", is(3))
                .body("data.previous.completed", is(2))
                .body("data.previous.completion_rate", is(dec("0.6667")))
                .body("data.change_percent.total", is(dec("200.0")))
                .body("data.change_percent.completed", is(dec("150.0")));
    }

    @Test
    void anEmptyWindowAnswersNullsNotZerosOrNaN() {
        clock.freezeAt(Instant.parse("2026-06-10T09:00:00Z"));
        asViewer().queryParam("tz", "Europe/Berlin").get("/api/v1/analytics/consultations")
                .then().statusCode(200)
                .body("data.total", is(0))
                .body("data.by_status.completed", is(0))
                .body("data.by_type.chat", is(0))
                .body("data.completion_rate", nullValue())
                .body("data.avg_duration_minutes", nullValue())
                .body("data.median_duration_minutes", nullValue())
                .body("data.avg_wait_minutes", nullValue())
                .body("data.by_specialty", empty())
                .body("data.series", hasSize(12))
                .body("data.series.total", everyItem(is(0)))
                .body("data.previous.total", is(0))
                .body("data.previous.completion_rate", nullValue())
                .body("data.change_percent.total", nullValue())
                .body("data.change_percent.completed", nullValue());
    }

    private void consultation(String id, String doctor, String type, String status, String scheduled, String started,
            String ended) {
        fixtures.consultation(id, doctor, "p1", type, status, Instant.parse(scheduled),
                started == null ? null : Instant.parse(started), ended == null ? null : Instant.parse(ended));
    }
}
