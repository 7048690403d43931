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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.metrics.MetricService.Computation;
import io.careboard.metrics.health.HealthTrends;
import io.careboard.metrics.health.HealthTrendsService;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.support.Fixtures;
import io.careboard.support.SqlStatements;
import io.careboard.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /analytics/health-trends} on hand-built fixtures, every expected figure worked out by
 * hand, with small-cell suppression at k = 5 (the default): counts of 1..4 are null.
 */
@QuarkusTest
class HealthTrendsTest {

    private static final String SYSTOLIC = "8480-6";
    private static final String HEART_RATE = "8867-4";
    private static final String BMI = "39156-5";

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    HealthTrendsService service;

    @Inject
    SqlStatements statements;

    private int consultations;
    private int observations;

    @BeforeEach
    void reset() {
        fixtures.reset();
        fixtures.doctor("d1", "Dr. Anna Berg", "general practice");
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    /**
     * Today in UTC, now 12:00. Five women aged 20 and four men aged 60 consult today; four counts
     * of exactly 4 or fewer are hidden, counts of exactly 5 and zeros are shown.
     */
    private void smallCells() {
        clock.freezeAt(Instant.parse("2026-06-10T12:00:00Z"));
        for (String p : List.of("f1", "f2", "f3", "f4", "f5")) {
            fixtures.patient(p, LocalDate.parse("2006-01-15"), "female");
        }
        for (String p : List.of("m1", "m2", "m3", "m4")) {
            fixtures.patient(p, LocalDate.parse("1966-01-15"), "male");
        }
        // J06.9: 6 today of 5 patients (shown); 4 yesterday before 12:00 of 4 patients (hidden).
        diagnosed("J06.9", "2026-06-10T01:00:00Z", "f1", "f2", "f3", "f4", "f5", "f1");
        diagnosed("J06.9", "2026-06-09T11:59:59Z", "m1", "m2", "m3", "m4");
        // I10: 5 today of 5 patients, 10 yesterday of 5 patients: both shown, −50.0 %.
        diagnosed("I10", "2026-06-10T02:00:00Z", "f1", "f2", "f3", "m1", "m2");
        diagnosed("I10", "2026-06-09T00:00:00Z", "f1", "f2", "f3", "f4", "f5", "f1", "f2", "f3", "f4", "f5");
        // E11: 6 today but of 2 patients only (hidden); none yesterday (0, shown).
        diagnosed("E11", "2026-06-10T03:00:00Z", "m3", "m3", "m3", "m4", "m4", "m4");
        // A09: 3 today (hidden); yesterday's one is after 12:00, outside the previous window.
        diagnosed("A09", "2026-06-10T12:00:00Z", "f4", "f5", "m3");
        diagnosed("A09", "2026-06-09T12:00:01Z", "f1");
        // Not diagnoses: cancelled, completed without code, only yesterday, after now.
        consultation("f1", "cancelled", "2026-06-10T04:00:00Z", "Z00.0");
        consultation("m1", "completed", "2026-06-10T05:00:00Z", null);
        diagnosed("R51", "2026-06-09T08:00:00Z", "f1", "f2", "f3", "f4", "f5");
        diagnosed("B01", "2026-06-10T12:00:01Z", "f1", "f2", "f3", "f4", "f5");

        // Systolic at 08:xx: 5 readings of 5 patients, mean 650 / 5 = 130.0 (shown).
        observe(SYSTOLIC, "2026-06-10T08:10:00Z", List.of("f1", "f2", "f3", "f4", "f5"), "120", "130", "125", "135",
                "140");
        // Systolic at 09:xx: 6 readings of 2 patients (hidden with its mean).
        observe(SYSTOLIC, "2026-06-10T09:00:00Z", List.of("m1", "m1", "m1", "m2", "m2", "m2"), "150", "150", "150",
                "150", "150", "150");
        // Heart rate at 10:xx: 4 readings of 4 patients (hidden).
        observe(HEART_RATE, "2026-06-10T10:59:59Z", List.of("f1", "f2", "f3", "f4"), "70", "72", "74", "76");
        // BMI at 11:xx: 5 of 5, mean 124.25 / 5 = 24.85 → 24.9 (HALF_UP).
        observe(BMI, "2026-06-10T11:00:00Z", List.of("m1", "m2", "m3", "m4", "f5"), "22.1", "23.4", "24.05", "25.0",
                "29.7");
        // Ignored: another code, and a reading after now.
        observe("1234-5", "2026-06-10T08:00:00Z", List.of("f1", "f2", "f3", "f4", "f5"), "1", "1", "1", "1", "1");
        observe(SYSTOLIC, "2026-06-10T12:00:01Z", List.of("f1", "f2", "f3", "f4", "f5"), "1", "1", "1", "1", "1");
    }

    @Test
    void smallCellsAreHiddenAtKMinusOneAndShownAtKAndZero() {
        smallCells();
        ValidatableResponse response = healthTrends("today", "UTC")
                .body("metric", is("health_trends"))
                .body("period.name", is("today"))
                .body("data.top_diagnoses.code", contains("E11", "J06.9", "I10", "A09"))
                .body("data.top_diagnoses.count", contains(null, 6, 5, null))
                .body("data.top_diagnoses.previous_count", contains(0, null, 10, 0))
                .body("data.top_diagnoses.change_percent", contains(null, null, dec("-50.0"), null))
                .body("data.by_age_group.'0-17'", is(0))
                .body("data.by_age_group.'18-34'", is(5))
                .body("data.by_age_group.'35-49'", is(0))
                .body("data.by_age_group.'50-64'", nullValue())
                .body("data.by_age_group.'65+'", is(0))
                .body("data.by_age_group.unknown", is(0))
                .body("data.by_sex.female", is(5))
                .body("data.by_sex.male", nullValue())
                .body("data.by_sex.other", is(0))
                .body("data.by_sex.unknown", is(0))
                .body("data.vitals.code", contains("8480-6", "8462-4", "8867-4", "2339-0", "39156-5"))
                .body("data.vitals.series", everyItem(hasSize(13)))
                .body("data.vitals[0].series.bucket", contains(hours("2026-06-10", 0, 12, "+00:00").toArray()))
                .body("data.vitals[0].series.readings", contains(cells(13, 0, 8, 5, 9, null)))
                .body("data.vitals[0].series.avg", contains(cells(13, null, 8, dec("130.0"))))
                .body("data.vitals[1].series.readings", everyItem(is(0)))
                .body("data.vitals[1].series.avg", everyItem(nullValue()))
                .body("data.vitals[2].series.readings", contains(cells(13, 0, 10, null)))
                .body("data.vitals[2].series.avg", everyItem(nullValue()))
                .body("data.vitals[3].series.readings", everyItem(is(0)))
                .body("data.vitals[4].series.readings", contains(cells(13, 0, 11, 5)))
                .body("data.vitals[4].series.avg", contains(cells(13, null, 11, dec("24.9"))))
                .body("data.suppressed", contains("top_diagnoses[0].count", "top_diagnoses[1].previous_count",
                        "top_diagnoses[3].count", "by_age_group.50-64", "by_sex.male", "vitals[0].series[9].readings",
                        "vitals[2].series[10].readings"));
        // The keys come in the contract's order, every one present.
        response.body("data.by_age_group.keySet()", contains("0-17", "18-34", "35-49", "50-64", "65+", "unknown"))
                .body("data.by_sex.keySet()", contains("female", "male", "other", "unknown"));
    }

    @Test
    void hiddenCountsSurviveTheRedisCacheAsNulls() {
        smallCells();
        MetricQuery query = MetricQuery.of(MetricFamily.HEALTH_TRENDS,
                ResolvedPeriod.named(PeriodName.TODAY, ZoneId.of("UTC"), clock.instant()));
        Computation first = new Computation();
        long before = statements.count();
        HealthTrends computed = service.cached(query.cacheKey(), query, first).data();
        assertEquals(2, statements.count() - before, "two statements per cold computation, the version included");
        Computation second = new Computation();
        HealthTrends cached = service.cached(query.cacheKey(), query, second).data();

        assertTrue(first.ran());
        assertFalse(second.ran(), "the second call reads Redis");
        assertEquals(computed, cached);
        assertTrue(cached.bySex().containsKey("male"));
        assertEquals(null, cached.bySex().get("male"));
        assertEquals(7, cached.suppressed().size());
    }

    /**
     * Now 2026-03-02 10:00Z, the week from Tuesday 24 February; 2026 is not a leap year, so a
     * 29 February birthday turns on 1 March. Groups of five make each edge visible past suppression.
     */
    private void ageEdges() {
        clock.freezeAt(Instant.parse("2026-03-02T10:00:00Z"));
        for (int i = 1; i <= 5; i++) {
            // Born 29 Feb 2008: 17 on 28 Feb 2026, 18 on 1 Mar.
            fixtures.patient("a" + i, LocalDate.parse("2008-02-29"), "female");
            consultation("a" + i, "completed", "2026-02-28T12:00:00Z", null);
            fixtures.patient("b" + i, LocalDate.parse("2008-02-29"), "female");
            consultation("b" + i, "scheduled", "2026-03-01T12:00:00Z", null);
            // Born 28 Feb 2008, seen at 23:30Z on the 27th: the 28th (18) in Berlin, the 27th (17) in UTC.
            fixtures.patient("c" + i, LocalDate.parse("2008-02-28"), "male");
            consultation("c" + i, "no_show", "2026-02-27T23:30:00Z", null);
        }
        // Seen on both sides of a birthday that crosses the 18 edge: in both groups.
        fixtures.patient("x", LocalDate.parse("2008-02-29"), "other");
        consultation("x", "completed", "2026-02-28T12:00:00Z", null);
        consultation("x", "completed", "2026-03-01T12:00:00Z", null);
        // Turning 18 on the very day of the consultation.
        fixtures.patient("y", LocalDate.parse("2008-03-02"), "other");
        consultation("y", "in_progress", "2026-03-02T08:00:00Z", null);
        // Unknown: no birth date, or one after the consultation's date.
        for (String p : List.of("n1", "n2", "n3")) {
            fixtures.patient(p, null, "unknown");
            consultation(p, "cancelled", "2026-02-25T09:00:00Z", null);
        }
        fixtures.patient("f1", LocalDate.parse("2027-01-01"), "unknown");
        consultation("f1", "completed", "2026-02-25T09:00:00Z", null);
        fixtures.patient("f2", LocalDate.parse("2026-03-01"), "unknown");
        consultation("f2", "completed", "2026-02-28T12:00:00Z", null);
    }

    /**
     * Berlin: 0-17 = a1..a5 + x; 18-34 = b1..b5 + c1..c5 + x + y. UTC: the c patients were seen on
     * the 27th, aged 17: 0-17 = a + c + x, 18-34 = b + x + y. Unknown = n1..n3, f1, f2 in both.
     */
    @ParameterizedTest
    @CsvSource({ "Europe/Berlin, 6, 12", "UTC, 11, 7" })
    void agesAreCountedOnTheLocalDateOfTheConsultationInTheRequestsZone(String tz, int minors, int youngAdults) {
        ageEdges();
        healthTrends("week", tz)
                .body("data.by_age_group.'0-17'", is(minors))
                .body("data.by_age_group.'18-34'", is(youngAdults))
                .body("data.by_age_group.'35-49'", is(0))
                .body("data.by_age_group.'50-64'", is(0))
                .body("data.by_age_group.'65+'", is(0))
                .body("data.by_age_group.unknown", is(5))
                .body("data.by_sex.female", is(10))
                .body("data.by_sex.male", is(5))
                .body("data.by_sex.other", nullValue())
                .body("data.by_sex.unknown", is(5))
                .body("data.top_diagnoses", empty())
                .body("data.suppressed", contains("by_sex.other"));
    }

    @Test
    void aFallBackDayHasTwentyFiveHourlyBuckets() {
        // Berlin, 2026-10-25: 02:00-03:00 happens twice. Now 23:30 CET.
        clock.freezeAt(Instant.parse("2026-10-25T22:30:00Z"));
        List<String> patients = List.of("p1", "p2", "p3", "p4", "p5");
        for (String p : patients) {
            fixtures.patient(p, LocalDate.parse("1990-10-25"), "female");
            // 01:30 CEST and 23:00 CET, both on the 25th: each patient 36 years old, in one group.
            consultation(p, "completed", "2026-10-24T23:30:00Z", "J06.9");
            consultation(p, "completed", "2026-10-25T22:00:00Z", "J06.9");
        }
        // 02:30 CEST (00:30Z) and 02:30 CET (01:30Z): the first and the second 02:00 hour.
        observe(SYSTOLIC, "2026-10-25T00:30:00Z", patients, "110", "120", "130", "140", "150");
        observe(SYSTOLIC, "2026-10-25T01:30:00Z", patients, "100", "101", "102", "103", "104.5");
        List<String> labels = new ArrayList<>(hours("2026-10-25", 0, 2, "+02:00"));
        labels.addAll(hours("2026-10-25", 2, 23, "+01:00"));

        healthTrends("today", "Europe/Berlin")
                .body("period.from", is("2026-10-25T00:00:00+02:00"))
                .body("data.vitals[0].series", hasSize(25))
                .body("data.vitals[0].series.bucket", contains(labels.toArray()))
                .body("data.vitals[0].series.readings", contains(cells(25, 0, 2, 5, 3, 5)))
                // 650 / 5 = 130.0 and 510.5 / 5 = 102.1.
                .body("data.vitals[0].series.avg", contains(cells(25, null, 2, dec("130.0"), 3, dec("102.1"))))
                .body("data.top_diagnoses.code", contains("J06.9"))
                .body("data.top_diagnoses.count", contains(10))
                .body("data.top_diagnoses.previous_count", contains(0))
                .body("data.top_diagnoses.change_percent", contains((Object) null))
                .body("data.by_age_group.'35-49'", is(5))
                .body("data.by_sex.female", is(5))
                .body("data.suppressed", empty());
    }

    @Test
    void anEmptyWindowShowsZerosAndNoAverages() {
        clock.freezeAt(Instant.parse("2026-06-10T09:30:00Z"));
        healthTrends("week", "America/New_York")
                .body("data.top_diagnoses", empty())
                .body("data.by_age_group.'0-17'", is(0))
                .body("data.by_age_group.unknown", is(0))
                .body("data.by_sex.female", is(0))
                .body("data.by_sex.unknown", is(0))
                .body("data.vitals", hasSize(5))
                .body("data.vitals[4].series", hasSize(7))
                .body("data.vitals[4].series.bucket", contains("2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07",
                        "2026-06-08", "2026-06-09", "2026-06-10"))
                .body("data.vitals[4].series.readings", everyItem(is(0)))
                .body("data.vitals[4].series.avg", everyItem(nullValue()))
                .body("data.suppressed", empty());
    }

    private static ValidatableResponse healthTrends(String period, String tz) {
        return asViewer().queryParam("period", period).queryParam("tz", tz).get("/api/v1/analytics/health-trends")
                .then().statusCode(200);
    }

    /** One completed consultation with {@code code} at {@code scheduled} per patient listed (repeats allowed). */
    private void diagnosed(String code, String scheduled, String... patients) {
        for (String patient : patients) {
            consultation(patient, "completed", scheduled, code);
        }
    }

    private void consultation(String patient, String status, String scheduled, String code) {
        fixtures.consultation("c" + ++consultations, "d1", patient, "video", status, Instant.parse(scheduled), null,
                null, code, new BigDecimal("50.00"));
    }

    /** One reading per patient listed, the n-th patient with the n-th value. */
    private void observe(String code, String observed, List<String> patients, String... values) {
        for (int i = 0; i < patients.size(); i++) {
            fixtures.observation("o" + ++observations, patients.get(i), code, values[i], "unit",
                    Instant.parse(observed));
        }
    }
}
