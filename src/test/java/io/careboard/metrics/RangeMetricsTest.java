package io.careboard.metrics;

import static io.careboard.support.Api.asViewer;
import static io.careboard.support.Api.dec;
import static io.careboard.support.Series.cells;
import static io.careboard.support.Series.hours;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.support.Fixtures;
import io.careboard.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/range} on hand-built fixtures, every expected figure worked out by hand.
 * A range does not depend on now, so the clock is left alone.
 */
@QuarkusTest
class RangeMetricsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SqlStatements statements;

    @BeforeEach
    void reset() {
        fixtures.reset();
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology").patient("p1", LocalDate.parse("1980-01-01"), "female");
    }

    /**
     * Berlin around Sunday 2026-10-25, when 02:00-03:00 happens twice (CEST, then CET). The range
     * 2026-10-24 .. 2026-10-26 is [2026-10-23T22:00Z, 2026-10-26T23:00Z).
     */
    private void fallBackInBerlin() {
        consultation("c1", "completed", "2026-10-23T22:00:00Z"); // midnight of from: in
        consultation("c2", "completed", "2026-10-23T21:59:59Z"); // before: out
        consultation("c3", "completed", "2026-10-26T23:00:00Z"); // midnight after to: out
        consultation("c4", "cancelled", "2026-10-25T00:30:00Z"); // 02:30 CEST
        consultation("c5", "completed", "2026-10-25T01:30:00Z"); // 02:30 CET
        consultation("c6", "completed", "2026-10-25T22:59:59Z"); // 23:59:59 CET on the 25th
        consultation("c7", "scheduled", "2026-10-25T23:00:00Z"); // 00:00 on the 26th
        // Gross by paid_at, refunds by refunded_at; a failed payment never counts.
        payment("pa1", "c1", "100.00", "refunded", "2026-10-23T22:00:00Z", "2026-10-25T01:45:00Z", "30.00");
        payment("pa2", "c5", "70.10", "paid", "2026-10-25T01:40:00Z", null, null);
        payment("pa3", "c6", "55.55", "failed", null, "2026-10-25T12:00:00Z", null); // even with a refund time
        payment("pa4", "c6", "40.00", "refunded", "2026-10-26T22:59:59Z", "2026-10-26T23:00:00Z", null);
        payment("pa5", "c2", "25.00", "refunded", "2026-10-23T21:00:00Z", "2026-10-24T10:00:00Z", null);
        rating("r1", "c1", 5, "2026-10-24T10:00:00Z");
        rating("r2", "c5", 4, "2026-10-25T01:50:00Z");
        rating("r3", "c6", 2, "2026-10-25T22:00:00Z");
        rating("r4", "c7", 3, "2026-10-26T23:00:00Z"); // after the range
    }

    @Test
    void dailyOverAFallBackDayWithAHalfOpenEnd() {
        fallBackInBerlin();
        long before = statements.count();
        range("2026-10-24", "2026-10-26", "day", "Europe/Berlin")
                .then().statusCode(200)
                .body("metric", is("range"))
                .body("period.name", is("range"))
                .body("period.from", is("2026-10-24T00:00:00+02:00"))
                .body("period.to", is("2026-10-27T00:00:00+01:00"))
                .body("data.series.bucket", contains("2026-10-24", "2026-10-25", "2026-10-26"))
                .body("data.series.consultations", contains(1, 3, 1))
                .body("data.series.completed", contains(1, 2, 0))
                .body("data.series.gross", contains(dec("100.00"), dec("70.10"), dec("40.00")))
                .body("data.series.refunds", contains(dec("25.00"), dec("30.00"), dec("0.00")))
                .body("data.series.net", contains(dec("75.00"), dec("40.10"), dec("40.00")))
                .body("data.series.ratings", contains(1, 2, 0))
                .body("data.series.avg_rating", contains(dec("5.00"), dec("3.00"), null))
                .body("data.totals.consultations", is(5))
                .body("data.totals.completed", is(3))
                .body("data.totals.gross", is(dec("210.10")))
                .body("data.totals.refunds", is(dec("55.00")))
                .body("data.totals.net", is(dec("155.10")))
                .body("data.totals.ratings", is(3))
                .body("data.totals.avg_rating", is(dec("3.67")));
        assertEquals(1, statements.count() - before, "one statement per cold computation, the version included");
    }

    @Test
    void hourlyOverTheFallBackDayHasTwentyFiveBuckets() {
        fallBackInBerlin();
        // Bucket i starts at 22:00Z on the 24th + i hours; the 02:00 hours are i = 2 (CEST) and 3 (CET).
        List<String> labels = new ArrayList<>(hours("2026-10-25", 0, 2, "+02:00"));
        labels.addAll(hours("2026-10-25", 2, 23, "+01:00"));
        range("2026-10-25", "2026-10-25", "hour", "Europe/Berlin")
                .then().statusCode(200)
                .body("data.series", hasSize(25))
                .body("data.series.bucket", contains(labels.toArray()))
                .body("data.series.consultations", contains(cells(25, 0, 2, 1, 3, 1, 24, 1)))
                .body("data.series.completed", contains(cells(25, 0, 3, 1, 24, 1)))
                .body("data.series.gross", contains(cells(25, dec("0.00"), 3, dec("70.10"))))
                .body("data.series.refunds", contains(cells(25, dec("0.00"), 3, dec("30.00"))))
                .body("data.series.net", contains(cells(25, dec("0.00"), 3, dec("40.10"))))
                .body("data.series.ratings", contains(cells(25, 0, 3, 1, 24, 1)))
                .body("data.series.avg_rating", contains(cells(25, null, 3, dec("4.00"), 24, dec("2.00"))))
                .body("data.totals.consultations", is(3))
                .body("data.totals.completed", is(2))
                .body("data.totals.gross", is(dec("70.10")))
                .body("data.totals.refunds", is(dec("30.00")))
                .body("data.totals.net", is(dec("40.10")))
                .body("data.totals.ratings", is(2))
                .body("data.totals.avg_rating", is(dec("3.00")));
    }

    @Test
    void weeklyBucketsAreIsoWeeksLabelledByTheirMondayAcrossAYearEnd() {
        // Wednesday 2026-12-30 .. Tuesday 2027-01-12 in UTC: weeks of 28 Dec (from the 30th),
        // 4 Jan, and 11 Jan (to the 12th).
        consultation("w1", "completed", "2026-12-29T23:59:59Z"); // before from, in the first week's Monday span
        consultation("w2", "completed", "2026-12-30T00:00:00Z");
        consultation("w3", "no_show", "2027-01-03T23:59:59Z"); // Sunday
        consultation("w4", "completed", "2027-01-04T00:00:00Z"); // Monday
        consultation("w5", "scheduled", "2027-01-12T23:59:59Z");
        consultation("w6", "completed", "2027-01-13T00:00:00Z"); // after to
        payment("pw4", "w4", "10.00", "paid", "2027-01-05T09:00:00Z", null, null);
        rating("rw5", "w5", 3, "2027-01-11T00:00:00Z");
        range("2026-12-30", "2027-01-12", "week", "UTC")
                .then().statusCode(200)
                .body("data.series.bucket", contains("2026-12-28", "2027-01-04", "2027-01-11"))
                .body("data.series.consultations", contains(2, 1, 1))
                .body("data.series.completed", contains(1, 1, 0))
                .body("data.series.gross", contains(dec("0.00"), dec("10.00"), dec("0.00")))
                .body("data.series.net", contains(dec("0.00"), dec("10.00"), dec("0.00")))
                .body("data.series.ratings", contains(0, 0, 1))
                .body("data.series.avg_rating", contains(null, null, dec("3.00")))
                .body("data.totals.consultations", is(4))
                .body("data.totals.completed", is(2))
                .body("data.totals.gross", is(dec("10.00")))
                .body("data.totals.avg_rating", is(dec("3.00")));
    }

    @Test
    void monthlyBucketsFollowLocalMidnightsInNewYork() {
        // 2026-01-15 .. 2026-03-10 in New York (EST until 8 March, then EDT).
        consultation("m0", "completed", "2026-01-15T04:59:59Z"); // 14 Jan 23:59:59 EST: out
        consultation("m1", "completed", "2026-02-01T04:59:59Z"); // 31 Jan 23:59:59 EST
        consultation("m2", "cancelled", "2026-02-01T05:00:00Z"); // 1 Feb 00:00 EST
        consultation("m3", "completed", "2026-03-11T03:59:59Z"); // 10 Mar 23:59:59 EDT
        consultation("m4", "completed", "2026-03-11T04:00:00Z"); // 11 Mar 00:00 EDT: out
        range("2026-01-15", "2026-03-10", "month", "America/New_York")
                .then().statusCode(200)
                .body("period.to", is("2026-03-11T00:00:00-04:00"))
                .body("data.series.bucket", contains("2026-01", "2026-02", "2026-03"))
                .body("data.series.consultations", contains(1, 1, 1))
                .body("data.series.completed", contains(1, 0, 1))
                .body("data.totals.consultations", is(3))
                .body("data.totals.completed", is(2));
    }

    @Test
    void anEmptyRangeAnswersZerosAndNoAverage() {
        range("2030-01-01", "2030-01-03", null, null)
                .then().statusCode(200)
                .body("period.timezone", is("UTC"))
                .body("data.series.bucket", contains("2030-01-01", "2030-01-02", "2030-01-03"))
                .body("data.series.consultations", everyItem(is(0)))
                .body("data.series.gross", everyItem(is(dec("0.00"))))
                .body("data.series.net", everyItem(is(dec("0.00"))))
                .body("data.series.avg_rating", everyItem(nullValue()))
                .body("data.totals.consultations", is(0))
                .body("data.totals.completed", is(0))
                .body("data.totals.gross", is(dec("0.00")))
                .body("data.totals.refunds", is(dec("0.00")))
                .body("data.totals.net", is(dec("0.00")))
                .body("data.totals.ratings", is(0))
                .body("data.totals.avg_rating", nullValue());
    }

    @Test
    void badRangesAreRejectedNamingTheParameter() {
        badRequest(range("2026-03-02", "2026-03-01", "day", null), "from");
        // 2024-01-01 .. 2025-12-31 is 731 days (2024 is a leap year): allowed; one more is not.
        range("2024-01-01", "2025-12-31", "month", null).then().statusCode(200);
        badRequest(range("2024-01-01", "2026-01-01", "day", null), "to");
        // 31 days hourly are allowed, 32 are not.
        range("2026-01-01", "2026-01-31", "hour", null).then().statusCode(200).body("data.series", hasSize(744));
        badRequest(range("2026-01-01", "2026-02-01", "hour", null), "granularity");
        badRequest(range("2026-01-01", "2026-01-02", "minute", null), "granularity");
        badRequest(range(null, "2026-01-02", "day", null), "from");
        badRequest(range("2026-01-01", "2026-01-02", "day", "Mars/Olympus"), "tz");
    }

    private static void badRequest(Response response, String field) {
        response.then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("errors.field", containsInAnyOrder(field));
    }

    private static Response range(String from, String to, String granularity, String tz) {
        RequestSpecification request = asViewer();
        if (from != null) {
            request.queryParam("from", from);
        }
        request.queryParam("to", to);
        if (granularity != null) {
            request.queryParam("granularity", granularity);
        }
        if (tz != null) {
            request.queryParam("tz", tz);
        }
        return request.get("/api/v1/analytics/range");
    }

    private void consultation(String id, String status, String scheduled) {
        fixtures.consultation(id, "d1", "p1", "video", status, Instant.parse(scheduled), null, null);
    }

    private void payment(String id, String consultation, String amount, String status, String paid, String refunded,
            String refundedAmount) {
        fixtures.payment(id, consultation, amount, "card", status, paid == null ? null : Instant.parse(paid),
                refunded == null ? null : Instant.parse(refunded), refundedAmount);
    }

    private void rating(String id, String consultation, int score, String created) {
        fixtures.rating(id, consultation, score, Instant.parse(created));
    }
}
