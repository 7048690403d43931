package io.careboard.metrics;

import static io.careboard.support.Api.asViewer;
import static io.careboard.support.Api.dec;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.support.Fixtures;
import io.careboard.support.SqlStatements;
import io.careboard.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/overview} on hand-built fixtures, every expected figure worked out by
 * hand. America/New_York, Sunday 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT, a 23-hour
 * day. Now is 16:00 EDT (20:00Z); today starts at 00:00 EST (05:00Z) and is compared with
 * yesterday 00:00-16:00 EST (05:00Z-21:00Z); the week starts 2026-03-02 05:00Z and is compared
 * with 2026-02-23 05:00Z .. 2026-03-01 21:00Z.
 */
@QuarkusTest
class OverviewTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    SqlStatements statements;

    @BeforeEach
    void springForwardInNewYork() {
        fixtures.reset();
        clock.freezeAt(Instant.parse("2026-03-08T20:00:00Z"));
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology")
                .doctor("d2", "Dr. Ben Cole", "dermatology")
                .doctor("d3", "Dr. Cem Demir", "cardiology");
        for (String p : new String[] { "p1", "p2", "p3", "p4" }) {
            fixtures.patient(p, LocalDate.parse("1980-01-01"), "female");
        }
        // Today.
        consultation("t1", "d1", "p1", "completed", "2026-03-08T05:00:00Z"); // local midnight itself
        consultation("t2", "d1", "p2", "completed", "2026-03-08T07:30:00Z"); // 03:30 EDT, after the jump
        consultation("t3", "d2", "p3", "cancelled", "2026-03-08T12:00:00Z");
        consultation("t4", "d2", "p1", "no_show", "2026-03-08T13:00:00Z");
        consultation("t5", "d3", "p4", "scheduled", "2026-03-08T19:59:00Z");
        consultation("t6", "d3", "p2", "in_progress", "2026-03-08T19:00:00Z");
        consultation("t7", "d2", "p2", "completed", "2026-03-08T20:00:00Z"); // now itself
        consultation("late", "d1", "p1", "scheduled", "2026-03-08T20:00:01Z"); // after now
        // Yesterday, 23:59:59 EST: in the week, in neither day window.
        consultation("e1", "d3", "p3", "completed", "2026-03-08T04:59:59Z");
        // Yesterday's window ends at 16:00 EST = 21:00Z, inclusive.
        consultation("y1", "d1", "p1", "completed", "2026-03-07T10:00:00Z");
        consultation("y2", "d2", "p3", "cancelled", "2026-03-07T21:00:00Z");
        consultation("y3", "d3", "p4", "completed", "2026-03-07T21:00:01Z");
        consultation("y4", "d1", "p1", "completed", "2026-03-07T04:59:59Z"); // Friday 23:59:59 EST
        // The week before: w1 and w2 (its end, inclusive) in it, w3 after its end.
        consultation("w1", "d1", "p1", "completed", "2026-02-25T12:00:00Z");
        consultation("w2", "d2", "p2", "completed", "2026-03-01T21:00:00Z");
        consultation("w3", "d2", "p2", "completed", "2026-03-01T21:30:00Z");
        // In progress since last month: counted by in_progress_now, whatever the window.
        consultation("old", "d1", "p4", "in_progress", "2026-02-10T15:00:00Z");

        // Today: gross 100.00 + 80.50 + 45.25 = 225.75; refunds 80.50 + 20.25 = 100.75; net 125.00.
        payment("pay1", "t1", "100.00", "paid", "2026-03-08T06:00:00Z", null, null);
        payment("pay2", "t2", "80.50", "refunded", "2026-03-08T08:00:00Z", "2026-03-08T15:00:00Z", null);
        payment("pay5", "t7", "45.25", "paid", "2026-03-08T20:00:00Z", null, null);
        // Paid yesterday (60.00 in yesterday's gross), partly refunded today: lowers today's net.
        payment("pay3", "y1", "60.00", "refunded", "2026-03-07T10:30:00Z", "2026-03-08T16:00:00Z", "20.25");
        payment("pay6", "y2", "30.00", "paid", "2026-03-07T20:00:00Z", null, null);
        // Failed: never counts, not even with a refund time.
        payment("pay4", "t7", "999.00", "failed", null, "2026-03-08T17:00:00Z", null);
        // The week before: 50.00 paid, 10.00 refunded: net 40.00.
        payment("pay7", "w1", "50.00", "refunded", "2026-02-25T13:00:00Z", "2026-02-26T00:00:00Z", "10.00");

        fixtures.rating("r1", "t1", 5, Instant.parse("2026-03-08T06:00:00Z"))
                .rating("r2", "t2", 4, Instant.parse("2026-03-08T09:00:00Z"))
                .rating("r3", "t7", 4, Instant.parse("2026-03-08T20:00:00Z"))
                .rating("r4", "y1", 1, Instant.parse("2026-03-08T04:59:00Z"));
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void todayOnTheSpringForwardDay() {
        // Today: t1..t7 = 7, completed t1 t2 t7 = 3, ended otherwise t3 t4 = 2. Yesterday: y1 y2 = 2.
        long before = statements.count();
        overview("today")
                .body("metric", is("overview"))
                .body("period.from", is("2026-03-08T00:00:00-05:00"))
                .body("period.to", is("2026-03-08T16:00:00-04:00"))
                .body("data.consultations.total", is(7))
                .body("data.consultations.completed", is(3))
                .body("data.consultations.completion_rate", is(dec("0.6000")))
                .body("data.consultations.change_percent", is(dec("250.0")))
                // Net 125.00 against yesterday's 60.00 + 30.00 = 90.00: 35 / 90 = 38.89 %.
                .body("data.revenue.net", is(dec("125.00")))
                .body("data.revenue.change_percent", is(dec("38.9")))
                // 5 + 4 + 4 = 13 over 3.
                .body("data.ratings.avg", is(dec("4.33")))
                .body("data.ratings.count", is(3))
                .body("data.active_doctors", is(2))
                .body("data.active_patients", is(4))
                .body("data.in_progress_now", is(2));
        assertEquals(2, statements.count() - before, "two statements per cold computation, the version included");
    }

    @Test
    void weekOverTheSpringForwardDay() {
        // Week: today's 7 + e1 + y1..y4 = 12; completed t1 t2 t7 e1 y1 y3 y4 = 7; t3 t4 y2 = 3.
        // Week before: w1, w2 = 2. Doctors completing: d1, d2, d3.
        overview("week")
                .body("period.from", is("2026-03-02T00:00:00-05:00"))
                .body("data.consultations.total", is(12))
                .body("data.consultations.completed", is(7))
                .body("data.consultations.completion_rate", is(dec("0.7000")))
                .body("data.consultations.change_percent", is(dec("500.0")))
                // Gross 225.75 + 60.00 + 30.00 = 315.75, refunds 100.75: 215.00 against 40.00.
                .body("data.revenue.net", is(dec("215.00")))
                .body("data.revenue.change_percent", is(dec("437.5")))
                // 5 + 4 + 4 + 1 = 14 over 4.
                .body("data.ratings.avg", is(dec("3.50")))
                .body("data.ratings.count", is(4))
                .body("data.active_doctors", is(3))
                .body("data.active_patients", is(4))
                .body("data.in_progress_now", is(2));
    }

    @Test
    void anEmptyWindowAnswersNullsAndZeros() {
        // A day with nothing in it, nor on the day before; the two in-progress consultations still count.
        clock.freezeAt(Instant.parse("2026-07-01T12:00:00Z"));
        overview("today")
                .body("data.consultations.total", is(0))
                .body("data.consultations.completed", is(0))
                .body("data.consultations.completion_rate", nullValue())
                .body("data.consultations.change_percent", nullValue())
                .body("data.revenue.net", is(dec("0.00")))
                .body("data.revenue.change_percent", nullValue())
                .body("data.ratings.avg", nullValue())
                .body("data.ratings.count", is(0))
                .body("data.active_doctors", is(0))
                .body("data.active_patients", is(0))
                .body("data.in_progress_now", is(2));
    }

    private static ValidatableResponse overview(String period) {
        return asViewer().queryParam("period", period).queryParam("tz", "America/New_York")
                .get("/api/v1/analytics/overview").then().statusCode(200);
    }

    private void consultation(String id, String doctor, String patient, String status, String scheduled) {
        fixtures.consultation(id, doctor, patient, "video", status, Instant.parse(scheduled), null, null);
    }

    private void payment(String id, String consultation, String amount, String status, String paid, String refunded,
            String refundedAmount) {
        fixtures.payment(id, consultation, amount, "card", status, paid == null ? null : Instant.parse(paid),
                refunded == null ? null : Instant.parse(refunded), refundedAmount);
    }
}
