package io.careboard.metrics;

import static io.careboard.support.Api.asViewer;
import static io.careboard.support.Api.dec;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/doctors} on hand-built fixtures, every expected figure worked out by hand
 * in the comments. The main day is 2026-11-01 in America/New_York, when clocks fall back from
 * 02:00 EDT to 01:00 EST (25 hours: from 04:00Z to 05:00Z the next day); now is 15:30 EST.
 */
@QuarkusTest
class DoctorMetricsTest {

    private static final String NEW_YORK = "America/New_York";

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    SqlStatements statements;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    /**
     * Today = [2026-11-01T04:00Z, 20:30Z]; the week starts 2026-10-26T04:00Z. Today's ratings are
     * 5, 4, 3, 5, 2: N = 5, T = 19, m = 3.8, C = 5.
     */
    private void fallBackDayInNewYork() {
        clock.freezeAt(Instant.parse("2026-11-01T20:30:00Z"));
        fixtures.doctor("d1", "Dr. Ada Park", "cardiology")
                .doctor("d2", "Dr. Bo Li", "dermatology")
                .doctor("d3", "Dr. Cy Moss", "pediatrics", false) // inactive, still listed
                .doctor("d4", "Dr. Di Nunez", "cardiology") // only a payment today
                .doctor("d5", "Dr. Ed Ortiz", "neurology") // only a rating today
                .doctor("d6", "Dr. Flo Reed", "neurology") // nothing in the week
                .patient("p1", null, "female");
        // d1: 4 consultations, 3 completed, 1 cancelled; durations 30 and 45 (c3 has no end).
        consultation("c1", "d1", "completed", "2026-11-01T04:00:00Z", "2026-11-01T04:00:00Z", "2026-11-01T04:30:00Z");
        // 01:30 EDT to 01:15 EST: 45 real minutes across the change.
        consultation("c2", "d1", "completed", "2026-11-01T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:15:00Z");
        consultation("c3", "d1", "completed", "2026-11-01T06:30:00Z", "2026-11-01T06:40:00Z", null);
        consultation("c4", "d1", "cancelled", "2026-11-01T10:00:00Z", null, null);
        // d2: 4 consultations, 1 completed (20 min), 1 no-show; c7 at exactly now counts.
        consultation("c5", "d2", "completed", "2026-11-01T12:00:00Z", "2026-11-01T12:00:00Z", "2026-11-01T12:20:00Z");
        consultation("c6", "d2", "no_show", "2026-11-01T13:00:00Z", null, null);
        consultation("c7", "d2", "scheduled", "2026-11-01T20:30:00Z", null, null);
        consultation("c9", "d2", "in_progress", "2026-11-01T20:00:00Z", "2026-11-01T20:00:00Z", null);
        // d3: 1 completed, 50 min.
        consultation("c8", "d3", "completed", "2026-11-01T14:00:00Z", "2026-11-01T14:00:00Z", "2026-11-01T14:50:00Z");
        // Outside today: one second before local midnight (in the week), and after now.
        consultation("c10", "d1", "completed", "2026-11-01T03:59:59Z", null, null);
        consultation("c11", "d2", "scheduled", "2026-11-01T20:31:00Z", null, null);
        consultation("c12", "d5", "completed", "2026-10-30T15:00:00Z", null, null); // in the week
        consultation("c13", "d4", "completed", "2026-10-20T15:00:00Z", null, null); // before the week
        consultation("c14", "d6", "completed", "2026-10-20T15:00:00Z", null, null);

        fixtures.rating("r1", "c1", 5, Instant.parse("2026-11-01T05:00:00Z"))
                .rating("r2", "c2", 4, Instant.parse("2026-11-01T06:30:00Z"))
                .rating("r3", "c5", 3, Instant.parse("2026-11-01T13:00:00Z"))
                .rating("r4", "c12", 5, Instant.parse("2026-11-01T15:00:00Z")) // today, for d5
                .rating("r5", "c8", 2, Instant.parse("2026-11-01T16:00:00Z"))
                .rating("r6", "c10", 1, Instant.parse("2026-11-01T03:59:59Z")) // week only
                .rating("r7", "c14", 5, Instant.parse("2026-10-20T16:00:00Z"));

        // Net revenue today: d1 100 + 80 − 30 = 150.00, d2 60.00, d3 50.00, d4 150.00, d5 0.00.
        fixtures.payment("pay1", "c1", "100.00", "card", "paid", Instant.parse("2026-11-01T04:45:00Z"), null, null)
                .payment("pay2", "c2", "80.00", "insurance", "refunded", Instant.parse("2026-11-01T05:40:00Z"),
                        Instant.parse("2026-11-01T07:00:00Z"), "30.00")
                .payment("pay3", "c5", "60.00", "card", "paid", Instant.parse("2026-11-01T12:30:00Z"), null, null)
                .payment("pay4", "c13", "150.00", "wallet", "paid", Instant.parse("2026-11-01T09:00:00Z"), null, null)
                .payment("pay5", "c6", "40.00", "card", "failed", Instant.parse("2026-11-01T13:05:00Z"), null, null)
                .payment("pay6", "c8", "50.00", "card", "paid", Instant.parse("2026-11-01T14:55:00Z"), null, null)
                .payment("pay7", "c14", "70.00", "card", "paid", Instant.parse("2026-10-20T16:00:00Z"), null, null);
    }

    @Test
    void todayOnTheFallBackDaySortedByCompleted() {
        fallBackDayInNewYork();
        // Completed: d1 3, d2 1, d3 1 (tie: id), d4 0, d5 0 (tie: id).
        long before = statements.count();
        doctors("today", null, null)
                .body("period.from", is("2026-11-01T00:00:00-04:00"))
                .body("period.to", is("2026-11-01T15:30:00-05:00"))
                .body("data.active_doctors", is(3))
                .body("data.doctors.doctor_id", contains("d1", "d2", "d3", "d4", "d5"))
                .body("data.doctors.full_name", contains("Dr. Ada Park", "Dr. Bo Li", "Dr. Cy Moss", "Dr. Di Nunez",
                        "Dr. Ed Ortiz"))
                .body("data.doctors.specialty", contains("cardiology", "dermatology", "pediatrics", "cardiology",
                        "neurology"))
                .body("data.doctors.consultations", contains(4, 4, 1, 0, 0))
                .body("data.doctors.completed", contains(3, 1, 1, 0, 0))
                // 3/4, 1/2, 1/1; no finished consultation for d4 and d5.
                .body("data.doctors.completion_rate", contains(dec("0.7500"), dec("0.5000"), dec("1.0000"), null, null))
                // 9/2, 3/1, 2/1, none, 5/1.
                .body("data.doctors.avg_rating", contains(dec("4.50"), dec("3.00"), dec("2.00"), null, dec("5.00")))
                .body("data.doctors.rating_count", contains(2, 1, 1, 0, 1))
                // (5·3.8 + S) / (5 + n): 28/7, 22/6 = 3.6667, 21/6, m = 3.8, 24/6.
                .body("data.doctors.bayesian_rating",
                        contains(dec("4.00"), dec("3.67"), dec("3.50"), dec("3.80"), dec("4.00")))
                .body("data.doctors.revenue",
                        contains(dec("150.00"), dec("60.00"), dec("50.00"), dec("150.00"), dec("0.00")))
                // (30 + 45) / 2, 20, 50.
                .body("data.doctors.avg_duration_minutes", contains(dec("37.5"), dec("20.0"), dec("50.0"), null, null));
        assertEquals(1, statements.count() - before, "one statement per cold computation, the version included");
    }

    @Test
    void sortByRatingComparesExactValuesThenIds() {
        fallBackDayInNewYork();
        // d1 28/7 = 4 and d5 24/6 = 4 tie exactly (d1 first by id), then d4 3.8, d2 3.67, d3 3.5.
        doctors("today", "rating", null)
                .body("data.active_doctors", is(3))
                .body("data.doctors.doctor_id", contains("d1", "d5", "d4", "d2", "d3"))
                .body("data.doctors.bayesian_rating",
                        contains(dec("4.00"), dec("4.00"), dec("3.80"), dec("3.67"), dec("3.50")));
    }

    @Test
    void sortByNetRevenueWithTiesAndLimit() {
        fallBackDayInNewYork();
        // d1 150.00 and d4 150.00 tie (d1 first), then d2 60.00; d3 50.00 and d5 0.00 are cut.
        doctors("today", "revenue", "3")
                .body("data.active_doctors", is(3))
                .body("data.doctors.doctor_id", contains("d1", "d4", "d2"))
                .body("data.doctors.revenue", contains(dec("150.00"), dec("150.00"), dec("60.00")));
        doctors("today", "completed", "1")
                .body("data.active_doctors", is(3))
                .body("data.doctors.doctor_id", contains("d1"));
    }

    @Test
    void weekSortedByRating() {
        fallBackDayInNewYork();
        // The week adds c10 (d1, completed), c12 (d5, completed) and r6 (d1, score 1): ratings
        // 5, 4, 3, 5, 2, 1, so N = 6, T = 20, m = 10/3.
        // d5 (5·10/3 + 5)/6 = 130/36 = 3.6111; d1 (50/3 + 10)/8 = 10/3 ties d4 = m = 10/3 (d1 first);
        // d2 (50/3 + 3)/6 = 118/36 = 3.2778; d3 (50/3 + 2)/6 = 112/36 = 3.1111.
        doctors("week", "rating", null)
                .body("period.from", is("2026-10-26T00:00:00-04:00"))
                .body("data.active_doctors", is(4))
                .body("data.doctors.doctor_id", contains("d5", "d1", "d4", "d2", "d3"))
                .body("data.doctors.bayesian_rating",
                        contains(dec("3.61"), dec("3.33"), dec("3.33"), dec("3.28"), dec("3.11")))
                .body("data.doctors.consultations", contains(1, 5, 0, 4, 1))
                .body("data.doctors.completed", contains(1, 4, 0, 1, 1))
                .body("data.doctors.completion_rate", contains(dec("1.0000"), dec("0.8000"), null, dec("0.5000"),
                        dec("1.0000")))
                .body("data.doctors.avg_rating", contains(dec("5.00"), dec("3.33"), null, dec("3.00"), dec("2.00")))
                .body("data.doctors.rating_count", contains(1, 3, 0, 1, 1))
                .body("data.doctors.revenue",
                        contains(dec("0.00"), dec("150.00"), dec("150.00"), dec("60.00"), dec("50.00")))
                .body("data.doctors.avg_duration_minutes", contains(null, dec("37.5"), null, dec("20.0"), dec("50.0")));
    }

    @Test
    void oneFiveStarReviewDoesNotBeatFortyReviewsAveraging48() {
        ratingDay("solo", "veteran", "mid");
        rated("s1", "solo", 5);
        // 32 fives and 8 fours: 192 / 40 = 4.8.
        for (int i = 0; i < 40; i++) {
            rated("v" + i, "veteran", i < 32 ? 5 : 4);
        }
        // 9 threes.
        for (int i = 0; i < 9; i++) {
            rated("m" + i, "mid", 3);
        }
        // N = 50, T = 5 + 192 + 27 = 224, m = 4.48, C·m = 22.4.
        // veteran (22.4 + 192) / 45 = 4.7644; solo (22.4 + 5) / 6 = 4.5667; mid (22.4 + 27) / 14 = 3.5286.
        doctors("today", "rating", null)
                .body("data.doctors.doctor_id", contains("veteran", "solo", "mid"))
                .body("data.doctors.avg_rating", contains(dec("4.80"), dec("5.00"), dec("3.00")))
                .body("data.doctors.rating_count", contains(40, 1, 9))
                .body("data.doctors.bayesian_rating", contains(dec("4.76"), dec("4.57"), dec("3.53")));
    }

    @Test
    void ratingOrderUsesTheUnroundedValue() {
        ratingDay("doc-a", "doc-b", "doc-f", "doc-n");
        rated("a1", "doc-a", 5);
        rated("b1", "doc-b", 5);
        rated("b2", "doc-b", 4);
        rated("f1", "doc-f", 1);
        consultation("n1", "doc-n", "completed", "2026-06-10T08:00:00Z", null, null);
        // N = 4, T = 15, m = 3.75, C·m = 18.75: doc-b (18.75 + 9) / 7 = 3.9643 and doc-a (18.75 + 5) / 6
        // = 3.9583 both show 3.96, but doc-b is higher; doc-n has no rating (m); doc-f 19.75 / 6.
        doctors("today", "rating", null)
                .body("data.doctors.doctor_id", contains("doc-b", "doc-a", "doc-n", "doc-f"))
                .body("data.doctors.bayesian_rating", contains(dec("3.96"), dec("3.96"), dec("3.75"), dec("3.29")));
    }

    @Test
    void aWindowWithoutAnyRatingHasNoBayesianRating() {
        ratingDay("d1", "d2");
        consultation("c1", "d2", "completed", "2026-06-10T08:00:00Z", null, null);
        consultation("c2", "d1", "scheduled", "2026-06-10T09:00:00Z", null, null);
        // Yesterday's consultation and rating.
        consultation("c3", "d1", "completed", "2026-06-09T09:00:00Z", null, null);
        fixtures.rating("r1", "c3", 5, Instant.parse("2026-06-09T10:00:00Z"));
        // With nulls only, sort=rating falls back to the id.
        doctors("today", "rating", null)
                .body("data.active_doctors", is(1))
                .body("data.doctors.doctor_id", contains("d1", "d2"))
                .body("data.doctors.bayesian_rating", everyItem(nullValue()))
                .body("data.doctors.avg_rating", everyItem(nullValue()))
                .body("data.doctors.rating_count", contains(0, 0));
    }

    @Test
    void anEmptyWindowHasNoDoctors() {
        ratingDay("d1");
        doctors("today", "rating", null)
                .body("data.active_doctors", is(0))
                .body("data.doctors", empty());
    }

    private ValidatableResponse doctors(String period, String sort, String limit) {
        var request = asViewer().queryParam("period", period).queryParam("tz", NEW_YORK);
        if (sort != null) {
            request.queryParam("sort", sort);
        }
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get("/api/v1/analytics/doctors").then().statusCode(200)
                .body("metric", is("doctors"))
                .body("period.timezone", is(NEW_YORK));
    }

    /** 2026-06-10 at 14:00 EDT, with these doctors (cardiologists named after their ids) and patient p1. */
    private void ratingDay(String... doctorIds) {
        clock.freezeAt(Instant.parse("2026-06-10T18:00:00Z"));
        for (String id : doctorIds) {
            fixtures.doctor(id, "Dr. " + id, "cardiology");
        }
        fixtures.patient("p1", null, "unknown");
    }

    /** A completed consultation on the rating day, rated {@code score} an hour later. */
    private void rated(String consultation, String doctor, int score) {
        consultation(consultation, doctor, "completed", "2026-06-10T08:00:00Z", null, null);
        fixtures.rating("r-" + consultation, consultation, score, Instant.parse("2026-06-10T09:00:00Z"));
    }

    private void consultation(String id, String doctor, String status, String scheduled, String started,
            String ended) {
        fixtures.consultation(id, doctor, "p1", "video", status, Instant.parse(scheduled),
                started == null ? null : Instant.parse(started), ended == null ? null : Instant.parse(ended));
    }
}
