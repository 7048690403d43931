package io.careboard.metrics;

import static io.careboard.support.Api.asViewer;
import static io.careboard.support.Api.dec;
import static io.careboard.support.Series.cells;
import static io.careboard.support.Series.hours;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.support.Fixtures;
import io.careboard.support.SqlStatements;
import io.careboard.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/revenue} on hand-built fixtures, every expected figure worked out by hand
 * in the comments. The main day is 2026-10-25 in Europe/Berlin, when clocks fall back from 03:00
 * CEST to 02:00 CET: 25 hours, from 2026-10-24T22:00Z to 2026-10-25T23:00Z. Now is 23:30 CET
 * (22:30Z), so today has all 25 hourly buckets; bucket i starts at 22:00Z + i hours.
 */
@QuarkusTest
class RevenueMetricsTest {

    private static final String BERLIN = "Europe/Berlin";
    private static final BigDecimal ZERO = dec("0.00");

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    SqlStatements statements;

    @BeforeEach
    void fallBackDayInBerlin() {
        fixtures.reset();
        clock.freezeAt(Instant.parse("2026-10-25T22:30:00Z"));
        fixtures.doctor("d1", "Dr. Anna Berg", "cardiology")
                .doctor("d2", "Dr. Ben Cole", "dermatology")
                .doctor("d3", "Dr. Cem Demir", "cardiology")
                .doctor("d4", "Dr. Dora Eck", "neurology")
                .doctor("d5", "Dr. Emil Faber", "psychiatry") // a consultation, no payment: not listed
                .doctor("d6", "Dr. Fay Gold", "pediatrics")
                .doctor("d7", "Dr. Gil Hahn", "allergology")
                .patient("p1", null, "female");
        consultation("c1", "d1", "video");
        consultation("c2", "d1", "audio");
        consultation("c3", "d2", "video");
        consultation("c4", "d3", "chat");
        consultation("c5", "d4", "video");
        consultation("c6", "d2", "audio");
        consultation("c7", "d6", "chat");
        consultation("c8", "d3", "video");
        consultation("c9", "d7", "chat");
        consultation("c10", "d5", "audio");
        consultation("c11", "d3", "chat");
        consultation("c12", "d2", "audio");

        // Today.
        payment("pG", "c8", "40.00", "insurance", "paid", "2026-10-24T22:00:00Z", null, null); // the window's start, i0
        payment("pA", "c1", "100.00", "card", "paid", "2026-10-25T00:30:00Z", null, null); // 02:30 CEST, i2
        payment("pB", "c1", "20.00", "card", "paid", "2026-10-25T01:30:00Z", null, null); // 02:30 CET, i3; c1 again
        // Partly refunded: gross 80 in i10 (09:00 CET), refund 30 in i11.
        payment("pC", "c2", "80.00", "insurance", "refunded", "2026-10-25T08:00:00Z", "2026-10-25T09:15:00Z", "30.00");
        // Fully refunded, no refunded_amount: gross 60 in i12, refund 60 in i14.
        payment("pD", "c3", "60.00", "wallet", "refunded", "2026-10-25T10:00:00Z", "2026-10-25T12:00:00Z", null);
        payment("pE", "c4", "45.50", "card", "failed", "2026-10-25T11:00:00Z", "2026-10-25T11:30:00Z", null); // never
        payment("pK", "c9", "85.03", "wallet", "paid", "2026-10-25T15:00:00Z", null, null); // i17
        payment("pH", "c6", "25.03", "card", "paid", "2026-10-25T22:30:00Z", null, null); // exactly now, i24
        payment("pI", "c6", "10.00", "card", "paid", "2026-10-25T22:31:00Z", null, null); // after now
        // Paid yesterday (gross there), fully refunded today (refund 90 in i15): d4 has only a refund today.
        payment("pF", "c5", "90.00", "card", "refunded", "2026-10-24T10:00:00Z", "2026-10-25T13:00:00Z", null);
        // Paid in the week, refunded yesterday: makes yesterday's net negative.
        payment("pN", "c11", "200.00", "card", "refunded", "2026-10-20T12:00:00Z", "2026-10-24T12:00:00Z", null);
        payment("pJ", "c7", "85.03", "card", "paid", "2026-10-20T09:00:00Z", null, null); // week
        payment("pO", "c12", "30.00", "card", "paid", "2026-03-29T01:30:00Z", null, null); // year, March
        // 23:00 CEST on 2025-10-25: before the year's window, inside the previous year's (ends 23:30).
        payment("pP", "c12", "12.00", "card", "paid", "2025-10-25T21:00:00Z", null, null);
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void todayOnTheFallBackDay() {
        // Gross 40 + 100 + 20 + 80 + 60 + 85.03 + 25.03 = 410.06; refunds 30 + 60 + 90 = 180.
        // Paid consultations c8, c1 (twice), c2, c3, c9, c6 = 6; 410.06 / 6 = 68.343.
        long before = statements.count();
        revenue("today")
                .body("period.from", is("2026-10-25T00:00:00+02:00"))
                .body("period.to", is("2026-10-25T23:30:00+01:00"))
                .body("data.gross", is(dec("410.06")))
                .body("data.refunds", is(dec("180.00")))
                .body("data.net", is(dec("230.06")))
                .body("data.paid_consultations", is(6))
                .body("data.avg_per_consultation", is(dec("68.34")))
                // video pA pB pD pG = 220, refunds pD pF = 150; audio pC pH = 105.03, refund 30; chat pK.
                .body("data.by_type.type", contains("video", "audio", "chat"))
                .body("data.by_type.gross", amounts("220.00", "105.03", "85.03"))
                .body("data.by_type.net", amounts("70.00", "75.03", "85.03"))
                // Cardiology d1 200 + d3 40, refund 30; allergology and dermatology tie at 85.03 (by name).
                .body("data.by_specialty.specialty", contains("cardiology", "allergology", "dermatology", "neurology"))
                .body("data.by_specialty.gross", amounts("240.00", "85.03", "85.03", "0.00"))
                .body("data.by_specialty.net", amounts("210.00", "85.03", "25.03", "-90.00"))
                // Card pA pB pH = 145.03, refund pF 90; insurance pC pG = 120, refund 30; wallet pD pK, refund 60.
                .body("data.by_method.method", contains("card", "insurance", "wallet"))
                .body("data.by_method.gross", amounts("145.03", "120.00", "145.03"))
                .body("data.by_method.net", amounts("55.03", "90.00", "85.03"))
                // Net: d1 200 − 30, d7 85.03, d3 40, d2 85.03 − 60, d4 0 − 90.
                .body("data.top_doctors.doctor_id", contains("d1", "d7", "d3", "d2", "d4"))
                .body("data.top_doctors.full_name", contains("Dr. Anna Berg", "Dr. Gil Hahn", "Dr. Cem Demir",
                        "Dr. Ben Cole", "Dr. Dora Eck"))
                .body("data.top_doctors.gross", amounts("200.00", "85.03", "40.00", "85.03", "0.00"))
                .body("data.top_doctors.net", amounts("170.00", "85.03", "40.00", "25.03", "-90.00"))
                .body("data.series", hasSize(25))
                .body("data.series.bucket", contains(fallBackDayHours().toArray()))
                .body("data.series.gross", contains(cells(25, ZERO, 0, dec("40.00"), 2, dec("100.00"), 3, dec("20.00"),
                        10, dec("80.00"), 12, dec("60.00"), 17, dec("85.03"), 24, dec("25.03"))))
                .body("data.series.refunds", contains(cells(25, ZERO, 11, dec("30.00"), 14, dec("60.00"),
                        15, dec("90.00"))))
                .body("data.series.net", contains(cells(25, ZERO, 0, dec("40.00"), 2, dec("100.00"), 3, dec("20.00"),
                        10, dec("80.00"), 11, dec("-30.00"), 12, dec("60.00"), 14, dec("-60.00"), 15, dec("-90.00"),
                        17, dec("85.03"), 24, dec("25.03"))))
                // Yesterday up to 23:30 CEST: gross pF 90, refund pN 200, net −110.
                .body("data.previous.gross", is(dec("90.00")))
                .body("data.previous.net", is(dec("-110.00")))
                // (410.06 − 90) / 90 = 355.62 %; (230.06 − (−110)) / |−110| = 309.145 %.
                .body("data.change_percent.gross", is(dec("355.6")))
                .body("data.change_percent.net", is(dec("309.1")));
        assertEquals(2, statements.count() - before, "two statements per cold computation, the version included");
    }

    @Test
    void yesterdayHoldsTheGrossOfPaymentsRefundedToday() {
        clock.freezeAt(Instant.parse("2026-10-24T21:30:00Z")); // 23:30 CEST
        // pF paid at 12:00 CEST (gross 90, refunded only tomorrow); pN refunded at 14:00 (200).
        revenue("today")
                .body("period.from", is("2026-10-24T00:00:00+02:00"))
                .body("data.gross", is(dec("90.00")))
                .body("data.refunds", is(dec("200.00")))
                .body("data.net", is(dec("-110.00")))
                .body("data.paid_consultations", is(1))
                .body("data.avg_per_consultation", is(dec("90.00")))
                .body("data.by_type.gross", amounts("90.00", "0.00", "0.00"))
                .body("data.by_type.net", amounts("90.00", "0.00", "-200.00"))
                .body("data.by_method.gross", amounts("90.00", "0.00", "0.00"))
                .body("data.by_method.net", amounts("-110.00", "0.00", "0.00"))
                .body("data.by_specialty.specialty", contains("neurology", "cardiology"))
                .body("data.by_specialty.gross", amounts("90.00", "0.00"))
                .body("data.by_specialty.net", amounts("90.00", "-200.00"))
                // d3 only had a refund: negative net, still listed.
                .body("data.top_doctors.doctor_id", contains("d4", "d3"))
                .body("data.top_doctors.gross", amounts("90.00", "0.00"))
                .body("data.top_doctors.net", amounts("90.00", "-200.00"))
                .body("data.series", hasSize(24))
                .body("data.series.gross", contains(cells(24, ZERO, 12, dec("90.00"))))
                .body("data.series.refunds", contains(cells(24, ZERO, 14, dec("200.00"))))
                .body("data.series.net", contains(cells(24, ZERO, 12, dec("90.00"), 14, dec("-200.00"))))
                // The day before yesterday had nothing: no percent change.
                .body("data.previous.gross", is(dec("0.00")))
                .body("data.previous.net", is(dec("0.00")))
                .body("data.change_percent.gross", nullValue())
                .body("data.change_percent.net", nullValue());
    }

    @Test
    void weekByDay() {
        // Today's figures plus pF's gross 90 (Oct 24), pJ 85.03 (Oct 20), pN 200 (paid Oct 20,
        // refunded Oct 24): gross 785.09, refunds 380, net 405.09; 9 paid consultations (c5, c7, c11 more).
        revenue("week")
                .body("period.from", is("2026-10-19T00:00:00+02:00"))
                .body("data.gross", is(dec("785.09")))
                .body("data.refunds", is(dec("380.00")))
                .body("data.net", is(dec("405.09")))
                .body("data.paid_consultations", is(9))
                .body("data.avg_per_consultation", is(dec("87.23")))
                .body("data.by_type.gross", amounts("310.00", "105.03", "370.06"))
                .body("data.by_type.net", amounts("160.00", "75.03", "170.06"))
                .body("data.by_method.gross", amounts("520.06", "120.00", "145.03"))
                .body("data.by_method.net", amounts("230.06", "90.00", "85.03"))
                // Three specialties tie at 85.03: by name.
                .body("data.by_specialty.specialty", contains("cardiology", "neurology", "allergology",
                        "dermatology", "pediatrics"))
                .body("data.by_specialty.gross", amounts("440.00", "90.00", "85.03", "85.03", "85.03"))
                .body("data.by_specialty.net", amounts("210.00", "0.00", "85.03", "25.03", "85.03"))
                // d6 and d7 tie at 85.03 (by id); d4 (net 0) is sixth and cut.
                .body("data.top_doctors.doctor_id", contains("d1", "d6", "d7", "d3", "d2"))
                .body("data.top_doctors.gross", amounts("200.00", "85.03", "85.03", "240.00", "85.03"))
                .body("data.top_doctors.net", amounts("170.00", "85.03", "85.03", "40.00", "25.03"))
                .body("data.series.bucket", contains("2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22",
                        "2026-10-23", "2026-10-24", "2026-10-25"))
                .body("data.series.gross", amounts("0.00", "285.03", "0.00", "0.00", "0.00", "90.00", "410.06"))
                .body("data.series.refunds", amounts("0.00", "0.00", "0.00", "0.00", "0.00", "200.00", "180.00"))
                .body("data.series.net", amounts("0.00", "285.03", "0.00", "0.00", "0.00", "-110.00", "230.06"))
                // Nothing in the week before: previous 0, no percent change.
                .body("data.previous.gross", is(dec("0.00")))
                .body("data.previous.net", is(dec("0.00")))
                .body("data.change_percent.gross", nullValue())
                .body("data.change_percent.net", nullValue());
    }

    @Test
    void yearByMonth() {
        // The week plus pO 30 (March): gross 815.09, refunds 380, net 435.09; 10 paid consultations.
        // The previous year (to 2025-10-25 23:30 CEST) holds pP 12.
        revenue("year")
                .body("period.from", is("2025-10-26T00:00:00+02:00"))
                .body("data.gross", is(dec("815.09")))
                .body("data.refunds", is(dec("380.00")))
                .body("data.net", is(dec("435.09")))
                .body("data.paid_consultations", is(10))
                .body("data.avg_per_consultation", is(dec("81.51")))
                .body("data.by_type.gross", amounts("310.00", "135.03", "370.06"))
                .body("data.by_type.net", amounts("160.00", "105.03", "170.06"))
                .body("data.by_specialty.specialty", contains("cardiology", "dermatology", "neurology",
                        "allergology", "pediatrics"))
                .body("data.by_specialty.gross", amounts("440.00", "115.03", "90.00", "85.03", "85.03"))
                .body("data.top_doctors.doctor_id", contains("d1", "d6", "d7", "d2", "d3"))
                .body("data.top_doctors.net", amounts("170.00", "85.03", "85.03", "55.03", "40.00"))
                .body("data.series.bucket", contains("2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
                        "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"))
                .body("data.series.gross", contains(cells(13, ZERO, 5, dec("30.00"), 12, dec("785.09"))))
                .body("data.series.refunds", contains(cells(13, ZERO, 12, dec("380.00"))))
                .body("data.series.net", contains(cells(13, ZERO, 5, dec("30.00"), 12, dec("405.09"))))
                .body("data.previous.gross", is(dec("12.00")))
                .body("data.previous.net", is(dec("12.00")))
                // (815.09 − 12) / 12 = 6692.42 %; (435.09 − 12) / 12 = 3525.75 % (half up).
                .body("data.change_percent.gross", is(dec("6692.4")))
                .body("data.change_percent.net", is(dec("3525.8")));
    }

    @Test
    void anEmptyWindowHasZeroMoneyAndNoAverage() {
        clock.freezeAt(Instant.parse("2026-06-10T09:00:00Z")); // 11:00 CEST
        revenue("today")
                .body("data.gross", is(dec("0.00")))
                .body("data.refunds", is(dec("0.00")))
                .body("data.net", is(dec("0.00")))
                .body("data.paid_consultations", is(0))
                .body("data.avg_per_consultation", nullValue())
                .body("data.by_type.type", contains("video", "audio", "chat"))
                .body("data.by_type.gross", amounts("0.00", "0.00", "0.00"))
                .body("data.by_type.net", amounts("0.00", "0.00", "0.00"))
                .body("data.by_method.method", contains("card", "insurance", "wallet"))
                .body("data.by_method.gross", amounts("0.00", "0.00", "0.00"))
                .body("data.by_method.net", amounts("0.00", "0.00", "0.00"))
                .body("data.by_specialty", empty())
                .body("data.top_doctors", empty())
                .body("data.series", hasSize(12))
                .body("data.series.gross", everyItem(is(ZERO)))
                .body("data.series.refunds", everyItem(is(ZERO)))
                .body("data.series.net", everyItem(is(ZERO)))
                .body("data.previous.gross", is(dec("0.00")))
                .body("data.previous.net", is(dec("0.00")))
                .body("data.change_percent.gross", nullValue())
                .body("data.change_percent.net", nullValue());
    }

    private ValidatableResponse revenue(String period) {
        return asViewer().queryParam("period", period).queryParam("tz", BERLIN)
                .get("/api/v1/analytics/revenue")
                .then().statusCode(200)
                .body("metric", is("revenue"))
                .body("period.timezone", is(BERLIN))
                .body("currency", is("EUR"));
    }

    /** The 25 hours of 2026-10-25 in Berlin: the 02:00 hours are bucket 2 (CEST) and bucket 3 (CET). */
    private static List<String> fallBackDayHours() {
        List<String> labels = new ArrayList<>(hours("2026-10-25", 0, 2, "+02:00"));
        labels.addAll(hours("2026-10-25", 2, 23, "+01:00"));
        return labels;
    }

    /** Exact amounts in order, scale included: {@code amounts("0.00")} does not match 0 or 0.0. */
    private static Matcher<Iterable<? extends BigDecimal>> amounts(String... values) {
        return contains(Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new));
    }

    /** A consultation of patient p1; its time plays no part in revenue, and its fee is not revenue. */
    private void consultation(String id, String doctor, String type) {
        fixtures.consultation(id, doctor, "p1", type, "completed", Instant.parse("2026-10-01T10:00:00Z"), null, null);
    }

    private void payment(String id, String consultation, String amount, String method, String status, String paidAt,
            String refundedAt, String refundedAmount) {
        fixtures.payment(id, consultation, amount, method, status, Instant.parse(paidAt),
                refundedAt == null ? null : Instant.parse(refundedAt), refundedAmount);
    }
}
