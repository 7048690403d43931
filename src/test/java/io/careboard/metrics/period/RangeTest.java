package io.careboard.metrics.period;

import static io.careboard.metrics.period.Times.BERLIN;
import static io.careboard.metrics.period.Times.KOLKATA;
import static io.careboard.metrics.period.Times.LORD_HOWE;
import static io.careboard.metrics.period.Times.NEW_YORK;
import static io.careboard.metrics.period.Times.UTC;
import static io.careboard.metrics.period.Times.at;
import static io.careboard.metrics.period.Times.invalidFields;
import static io.careboard.metrics.period.Times.labels;
import static io.careboard.metrics.period.Times.lengths;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangeTest {

    private static ResolvedPeriod range(String from, String to, Granularity granularity, ZoneId zone) {
        return ResolvedPeriod.range(LocalDate.parse(from), LocalDate.parse(to), granularity, zone);
    }

    @Test
    void aRangeIsHalfOpenFromLocalMidnightToTheMidnightAfterItsLastDay() {
        ResolvedPeriod range = range("2026-03-28", "2026-03-30", Granularity.DAY, BERLIN);

        assertEquals("range", range.name());
        assertEquals(Window.halfOpen(at("2026-03-28T00:00:00+01:00"), at("2026-03-31T00:00:00+02:00")),
                range.current());
        assertFalse(range.current().contains(range.current().to()));
        assertTrue(range.current().contains(at("2026-03-30T23:59:59.999999+02:00")));
        assertEquals(Optional.empty(), range.previous());
        assertEquals(Optional.empty(), range.expiresBy());
        assertEquals(List.of("2026-03-28", "2026-03-29", "2026-03-30"), labels(range));
        assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(23), Duration.ofHours(24)), lengths(range));
    }

    @Test
    void oneDayRangeIsAllowed() {
        ResolvedPeriod day = range("2026-10-25", "2026-10-25", Granularity.HOUR, BERLIN);

        assertEquals(25, day.buckets().size(), "the autumn day in hours");
        assertEquals(at("2026-10-25T23:00:00Z"), day.buckets().get(24).end());
        assertEquals("2026-10-25T23:00:00+01:00", day.buckets().get(24).label());
    }

    @Test
    void hourlyRangeOverTheSpringChange() {
        ResolvedPeriod range = range("2026-03-28", "2026-03-30", Granularity.HOUR, BERLIN);

        assertEquals(24 + 23 + 24, range.buckets().size());
        assertEquals("2026-03-28T00:00:00+01:00", range.buckets().get(0).label());
        assertEquals("2026-03-29T01:00:00+01:00", range.buckets().get(25).label());
        assertEquals("2026-03-29T03:00:00+02:00", range.buckets().get(26).label());
        assertEquals(range.current().to(), range.buckets().get(70).end());
    }

    @Test
    void isoWeeksAcrossTheYearBoundaryKeepTheirMondayAndAreClippedToTheRange() {
        ResolvedPeriod weeks = range("2025-12-25", "2026-01-10", Granularity.WEEK, UTC);

        assertEquals(List.of(
                new Bucket("2025-12-22", at("2025-12-25T00:00:00Z"), at("2025-12-29T00:00:00Z")),
                new Bucket("2025-12-29", at("2025-12-29T00:00:00Z"), at("2026-01-05T00:00:00Z")),
                new Bucket("2026-01-05", at("2026-01-05T00:00:00Z"), at("2026-01-11T00:00:00Z"))), weeks.buckets());
    }

    @Test
    void aRangeOfWholeIsoWeeks() {
        ResolvedPeriod weeks = range("2026-12-28", "2027-01-10", Granularity.WEEK, NEW_YORK);

        assertEquals(List.of(
                new Bucket("2026-12-28", at("2026-12-28T00:00:00-05:00"), at("2027-01-04T00:00:00-05:00")),
                new Bucket("2027-01-04", at("2027-01-04T00:00:00-05:00"), at("2027-01-11T00:00:00-05:00"))),
                weeks.buckets());
    }

    @Test
    void weekOverTheSpringChangeIsOneHourShort() {
        ResolvedPeriod weeks = range("2026-03-23", "2026-03-29", Granularity.WEEK, BERLIN);

        assertEquals(List.of("2026-03-23"), labels(weeks));
        assertEquals(List.of(Duration.ofHours(7 * 24 - 1)), lengths(weeks));
    }

    @Test
    void monthsAreClippedToTheRange() {
        ResolvedPeriod months = range("2026-01-15", "2026-03-10", Granularity.MONTH, BERLIN);

        assertEquals(List.of(
                new Bucket("2026-01", at("2026-01-15T00:00:00+01:00"), at("2026-02-01T00:00:00+01:00")),
                new Bucket("2026-02", at("2026-02-01T00:00:00+01:00"), at("2026-03-01T00:00:00+01:00")),
                new Bucket("2026-03", at("2026-03-01T00:00:00+01:00"), at("2026-03-11T00:00:00+01:00"))),
                months.buckets());
    }

    @Test
    void leapFebruaryIsOneMonthBucketOf29Days() {
        ResolvedPeriod months = range("2028-02-01", "2028-03-31", Granularity.MONTH, UTC);

        assertEquals(List.of("2028-02", "2028-03"), labels(months));
        assertEquals(Duration.ofDays(29), lengths(months).get(0));
    }

    @Test
    void kolkataDaysStartAtHalfPastSixInTheEveningUtc() {
        ResolvedPeriod range = range("2026-06-01", "2026-06-02", Granularity.DAY, KOLKATA);

        assertEquals(Window.halfOpen(at("2026-05-31T18:30:00Z"), at("2026-06-02T18:30:00Z")), range.current());
        assertEquals(48, range("2026-06-01", "2026-06-02", Granularity.HOUR, KOLKATA).buckets().size());
    }

    @Test
    void lordHoweHourlyRangeOverBothChanges() {
        assertEquals(24, range("2026-10-04", "2026-10-04", Granularity.HOUR, LORD_HOWE).buckets().size());
        assertEquals(25, range("2026-04-05", "2026-04-05", Granularity.HOUR, LORD_HOWE).buckets().size());
        assertEquals(List.of(Duration.ofMinutes(23 * 60 + 30)),
                lengths(range("2026-10-04", "2026-10-04", Granularity.DAY, LORD_HOWE)));
    }

    @Test
    void aTransitionOffTheHourStartsABucketSoEachBucketHasOneOffset() {
        ResolvedPeriod caracas = range("2016-05-01", "2016-05-01", Granularity.HOUR, ZoneId.of("America/Caracas"));

        assertEquals(List.of("2016-05-01T00:00:00-04:30", "2016-05-01T01:00:00-04:30", "2016-05-01T02:00:00-04:30",
                "2016-05-01T03:00:00-04:00", "2016-05-01T04:00:00-04:00"), labels(caracas).subList(0, 5));
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofHours(1)),
                lengths(caracas).subList(0, 4), "02:30 -04:30 became 03:00 -04:00");
        assertEquals(24, caracas.buckets().size());
    }

    @Test
    void upTo731DaysAreAllowed() {
        ResolvedPeriod longest = range("2024-01-01", "2025-12-31", Granularity.DAY, UTC);

        assertEquals(731, longest.buckets().size());
        assertEquals(List.of("to"), invalidFields(() -> range("2024-01-01", "2026-01-01", Granularity.DAY, UTC)));
        assertEquals(List.of("to"), invalidFields(() -> range("2024-01-01", "2026-01-01", Granularity.MONTH, UTC)));
    }

    @Test
    void hourlyUpTo31DaysIsAllowed() {
        assertEquals(31 * 24, range("2026-01-01", "2026-01-31", Granularity.HOUR, UTC).buckets().size());
        assertEquals(31 * 24 - 1, range("2026-03-01", "2026-03-31", Granularity.HOUR, BERLIN).buckets().size());
        assertEquals(List.of("granularity"),
                invalidFields(() -> range("2026-01-01", "2026-02-01", Granularity.HOUR, UTC)));
        assertEquals(32, range("2026-01-01", "2026-02-01", Granularity.DAY, UTC).buckets().size());
    }

    @Test
    void fromAfterToIsBadInputAndEveryBrokenLimitIsReported() {
        assertEquals(List.of("from"), invalidFields(() -> range("2026-01-02", "2026-01-01", Granularity.DAY, UTC)));
        assertEquals(List.of("from"), invalidFields(() -> range("2029-01-01", "2026-01-01", Granularity.HOUR, UTC)));
        assertEquals(List.of("to", "granularity"),
                invalidFields(() -> range("2024-01-01", "2026-06-01", Granularity.HOUR, UTC)));
    }

    @Test
    void theWidestDatesStillWork() {
        ResolvedPeriod last = range("9999-12-01", "9999-12-31", Granularity.WEEK, UTC);
        assertEquals(Instant.parse("+10000-01-01T00:00:00Z"), last.current().to());
        assertEquals("9999-11-29", last.buckets().get(0).label());
        assertEquals("0001-01-01", range("0001-01-01", "0001-01-02", Granularity.DAY, UTC).buckets().get(0).label());
    }

    @Test
    void bucketStartsServeWidthBucketAndBucketOfAgreesWithIt() {
        ResolvedPeriod range = range("2026-03-28", "2026-03-30", Granularity.DAY, BERLIN);

        assertArrayEquals(new Instant[] {at("2026-03-28T00:00:00+01:00"), at("2026-03-29T00:00:00+01:00"),
                at("2026-03-30T00:00:00+02:00")}, range.bucketStarts());
        assertEquals("{2026-03-27T23:00:00Z,2026-03-28T23:00:00Z,2026-03-29T22:00:00Z}", range.bucketStartsLiteral());
        assertEquals(-1, range.bucketOf(at("2026-03-27T22:59:59.999999Z")));
        assertEquals(0, range.bucketOf(at("2026-03-27T23:00:00Z")));
        assertEquals(0, range.bucketOf(at("2026-03-28T22:59:59.999999Z")));
        assertEquals(1, range.bucketOf(at("2026-03-28T23:00:00Z")));
        assertEquals(2, range.bucketOf(at("2026-03-30T12:00:00Z")));
        assertEquals(-1, range.bucketOf(range.current().to()), "the end of a range belongs to the next day");
    }

    @Test
    void localDaysOfTheWindowAndTheirStartsForSql() {
        ResolvedPeriod hourly = range("2026-10-24", "2026-10-26", Granularity.HOUR, BERLIN);

        assertTrue(hourly.isRange());
        assertEquals(LocalDate.of(2026, 10, 24), hourly.firstDay());
        assertEquals(LocalDate.of(2026, 10, 26), hourly.lastDay());
        assertArrayEquals(new Instant[] {at("2026-10-24T00:00:00+02:00"), at("2026-10-25T00:00:00+02:00"),
                at("2026-10-26T00:00:00+01:00")}, hourly.dayStarts());
        ResolvedPeriod today = ResolvedPeriod.named(PeriodName.TODAY, Times.HAVANA, at("2026-03-08T10:00:00-04:00"));
        assertFalse(today.isRange());
        assertEquals(LocalDate.of(2026, 3, 8), today.firstDay());
        assertEquals(LocalDate.of(2026, 3, 8), today.lastDay());
        ResolvedPeriod week = ResolvedPeriod.named(PeriodName.WEEK, BERLIN, at("2026-11-26T23:59:59+01:00"));
        assertEquals(LocalDate.of(2026, 11, 20), week.firstDay());
        assertEquals(LocalDate.of(2026, 11, 26), week.lastDay());
        assertEquals(LocalDate.of(2026, 3, 7),
                range("2026-03-07", "2026-03-07", Granularity.DAY, Times.HAVANA).lastDay(),
                "the midnight after the range is skipped: the next day starts at 01:00");
        assertArrayEquals(new Instant[] {at("2026-03-08T01:00:00-04:00")}, today.dayStarts());
    }

    @Test
    void windowsEndExclusivelyForSql() {
        Window closed = Window.closed(at("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T10:00:00.123456Z"));
        assertEquals(Instant.parse("2026-01-01T10:00:00.123457Z"), closed.endExclusive());
        Window halfOpen = Window.halfOpen(at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"));
        assertEquals(at("2026-01-02T00:00:00Z"), halfOpen.endExclusive());
        assertTrue(closed.contains(closed.to()));
        assertFalse(closed.contains(closed.endExclusive()));
    }
}
