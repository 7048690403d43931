package io.careboard.metrics.period;

import static io.careboard.metrics.period.Times.BERLIN;
import static io.careboard.metrics.period.Times.HAVANA;
import static io.careboard.metrics.period.Times.KOLKATA;
import static io.careboard.metrics.period.Times.LORD_HOWE;
import static io.careboard.metrics.period.Times.NEW_YORK;
import static io.careboard.metrics.period.Times.UTC;
import static io.careboard.metrics.period.Times.at;
import static io.careboard.metrics.period.Times.labels;
import static io.careboard.metrics.period.Times.lengths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamedPeriodTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static ResolvedPeriod today(ZoneId zone, String now) {
        return ResolvedPeriod.named(PeriodName.TODAY, zone, at(now));
    }

    private static List<String> hours(String date, String offset, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(h -> "%sT%02d:00:00%s".formatted(date, h, offset)).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    @Nested
    class InUtc {

        private final Instant now = at("2026-11-26T14:05:30.123456789Z");

        @Test
        void todayRunsFromMidnightToNowWithHourlyBucketsUpToTheHourHoldingNow() {
            ResolvedPeriod today = ResolvedPeriod.named(PeriodName.TODAY, UTC, now);

            assertEquals("today", today.name());
            assertEquals(UTC, today.zone());
            assertEquals(Granularity.HOUR, today.granularity());
            Instant nowInMicros = at("2026-11-26T14:05:30.123456Z");
            assertEquals(Window.closed(at("2026-11-26T00:00:00Z"), nowInMicros), today.current(),
                    "now is cut to PostgreSQL's microseconds");
            assertEquals(Optional.of(Window.closed(at("2026-11-25T00:00:00Z"),
                    at("2026-11-25T14:05:30.123456Z"))), today.previous(), "yesterday 00:00 to 14:05:30");
            assertEquals(hours("2026-11-26", "+00:00", 0, 14), labels(today));
            assertEquals(Collections.nCopies(15, HOUR), lengths(today));
            assertEquals(at("2026-11-26T15:00:00Z"), today.buckets().get(14).end(),
                    "the last bucket keeps its natural end, after now");
            assertEquals(Optional.of(at("2026-11-27T00:00:00Z")), today.expiresBy());
        }

        @Test
        void nowOnTheHourOpensItsBucketAndMidnightGivesOneBucket() {
            assertEquals(15, today(UTC, "2026-11-26T14:00:00Z").buckets().size());
            ResolvedPeriod atMidnight = today(UTC, "2026-11-26T00:00:00Z");
            assertEquals(List.of("2026-11-26T00:00:00+00:00"), labels(atMidnight));
            assertEquals(Window.closed(at("2026-11-26T00:00:00Z"), at("2026-11-26T00:00:00Z")), atMidnight.current());
            assertEquals(Window.closed(at("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
                    atMidnight.previous().orElseThrow());
        }

        @Test
        void weekIsSevenDaysComparedWithTheSevenBefore() {
            ResolvedPeriod week = ResolvedPeriod.named(PeriodName.WEEK, UTC, now);

            assertEquals(at("2026-11-20T00:00:00Z"), week.current().from());
            assertEquals(Window.closed(at("2026-11-13T00:00:00Z"), at("2026-11-19T14:05:30.123456Z")),
                    week.previous().orElseThrow());
            assertEquals(List.of("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25",
                    "2026-11-26"), labels(week));
            assertEquals(at("2026-11-27T00:00:00Z"), week.buckets().get(6).end());
        }

        @Test
        void monthIsThirtyDays() {
            ResolvedPeriod month = ResolvedPeriod.named(PeriodName.MONTH, UTC, now);

            assertEquals(at("2026-10-28T00:00:00Z"), month.current().from());
            assertEquals(Window.closed(at("2026-09-28T00:00:00Z"), at("2026-10-27T14:05:30.123456Z")),
                    month.previous().orElseThrow());
            assertEquals(30, month.buckets().size());
            assertEquals("2026-10-28", month.buckets().get(0).label());
            assertEquals("2026-10-31", month.buckets().get(3).label());
            assertEquals("2026-11-01", month.buckets().get(4).label());
            assertEquals("2026-11-26", month.buckets().get(29).label());
        }

        @Test
        void yearIs365DaysInMonthlyBucketsClippedToTheWindow() {
            ResolvedPeriod year = ResolvedPeriod.named(PeriodName.YEAR, UTC, now);

            assertEquals(at("2025-11-27T00:00:00Z"), year.current().from());
            assertEquals(Window.closed(at("2024-11-27T00:00:00Z"), at("2025-11-26T14:05:30.123456Z")),
                    year.previous().orElseThrow());
            assertEquals(List.of("2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
                    "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"), labels(year));
            assertEquals(new Bucket("2025-11", at("2025-11-27T00:00:00Z"), at("2025-12-01T00:00:00Z")),
                    year.buckets().get(0), "the first month counts from the window's start only");
            assertEquals(new Bucket("2026-11", at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")),
                    year.buckets().get(12));
        }

        @Test
        void yearShiftsByDaysNotCalendarYears() {
            ResolvedPeriod year = ResolvedPeriod.named(PeriodName.YEAR, UTC, at("2028-12-31T12:00:00Z"));

            assertEquals(at("2028-01-02T00:00:00Z"), year.current().from(), "2028 has 366 days");
            assertEquals(Window.closed(at("2027-01-02T00:00:00Z"), at("2028-01-01T12:00:00Z")),
                    year.previous().orElseThrow());
            assertEquals(12, year.buckets().size());
            assertEquals(at("2028-01-02T00:00:00Z"), year.buckets().get(0).start());
        }
    }

    @Nested
    class InBerlin {

        @Test
        void springForwardDayHas23HourlyBucketsAndSkipsTwoOClock() {
            ResolvedPeriod today = today(BERLIN, "2026-03-29T23:59:59+02:00");

            assertEquals(concat(hours("2026-03-29", "+01:00", 0, 1), hours("2026-03-29", "+02:00", 3, 23)),
                    labels(today));
            assertEquals(23, today.buckets().size());
            assertEquals(Collections.nCopies(23, HOUR), lengths(today));
            assertEquals(at("2026-03-28T23:00:00Z"), today.current().from());
            assertEquals("2026-03-29T03:00:00+02:00", today.buckets().get(2).label());
            assertEquals(at("2026-03-29T01:00:00Z"), today.buckets().get(2).start());
        }

        @Test
        void springForwardAfternoonComparesWithTheSameWallClockYesterday() {
            ResolvedPeriod today = today(BERLIN, "2026-03-29T14:20:00+02:00");

            assertEquals(14, today.buckets().size());
            assertEquals("2026-03-29T14:00:00+02:00", today.buckets().get(13).label());
            assertEquals(Window.closed(at("2026-03-28T00:00:00+01:00"), at("2026-03-28T14:20:00+01:00")),
                    today.previous().orElseThrow());
        }

        @Test
        void fallBackDayHas25HourlyBucketsWithTwoTwoOClocksTellingTheirOffsets() {
            ResolvedPeriod today = today(BERLIN, "2026-10-25T23:30:00+01:00");

            assertEquals(concat(hours("2026-10-25", "+02:00", 0, 2), hours("2026-10-25", "+01:00", 2, 23)),
                    labels(today));
            assertEquals(25, today.buckets().size());
            assertEquals(Collections.nCopies(25, HOUR), lengths(today));
            assertEquals(at("2026-10-25T00:00:00Z"), today.buckets().get(2).start());
            assertEquals(at("2026-10-25T01:00:00Z"), today.buckets().get(3).start());
        }

        @Test
        void nowInTheRepeatedHourFallsInTheSecondTwoOClock() {
            ResolvedPeriod today = today(BERLIN, "2026-10-25T02:30:00+01:00");

            assertEquals(List.of("2026-10-25T00:00:00+02:00", "2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00",
                    "2026-10-25T02:00:00+01:00"), labels(today));
            assertEquals(at("2026-10-24T02:30:00+02:00"), today.previous().orElseThrow().to());
        }

        @Test
        void previousEndInTheSpringGapMovesForwardByTheGap() {
            ResolvedPeriod today = today(BERLIN, "2026-03-30T02:30:00+02:00");

            assertEquals(Window.closed(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T03:30:00+02:00")),
                    today.previous().orElseThrow(), "02:30 does not exist on 29 March: 03:30 CEST");
        }

        @Test
        void previousEndInTheAutumnOverlapTakesTheEarlierOffset() {
            ResolvedPeriod today = today(BERLIN, "2026-10-26T02:30:00+01:00");

            assertEquals(Window.closed(at("2026-10-25T00:00:00+02:00"), at("2026-10-25T02:30:00+02:00")),
                    today.previous().orElseThrow(), "02:30 happens twice on 25 October: the first, CEST");
        }

        @Test
        void weekOverTheSpringChangeHasA23HourDay() {
            ResolvedPeriod week = ResolvedPeriod.named(PeriodName.WEEK, BERLIN, at("2026-04-01T10:00:00+02:00"));

            assertEquals(at("2026-03-26T00:00:00+01:00"), week.current().from());
            assertEquals(List.of("2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31",
                    "2026-04-01"), labels(week));
            assertEquals(new Bucket("2026-03-29", at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")),
                    week.buckets().get(3));
            assertEquals(Duration.ofHours(23), lengths(week).get(3));
            assertEquals(Window.closed(at("2026-03-19T00:00:00+01:00"), at("2026-03-25T10:00:00+01:00")),
                    week.previous().orElseThrow());
        }

        @Test
        void monthOverTheAutumnChangeHasA25HourDay() {
            ResolvedPeriod month = ResolvedPeriod.named(PeriodName.MONTH, BERLIN, at("2026-11-05T09:00:00+01:00"));

            assertEquals(at("2026-10-07T00:00:00+02:00"), month.current().from());
            assertEquals(30, month.buckets().size());
            int autumnDay = labels(month).indexOf("2026-10-25");
            assertEquals(Duration.ofHours(25), lengths(month).get(autumnDay));
        }

        @Test
        void monthWhosePreviousEndFallsInTheSpringGap() {
            ResolvedPeriod month = ResolvedPeriod.named(PeriodName.MONTH, BERLIN, at("2026-04-28T02:30:00+02:00"));

            assertEquals(at("2026-03-30T00:00:00+02:00"), month.current().from());
            assertEquals(Window.closed(at("2026-02-28T00:00:00+01:00"), at("2026-03-29T03:30:00+02:00")),
                    month.previous().orElseThrow());
        }

        @Test
        void yearWhosePreviousEndFallsInTheSpringGap() {
            ResolvedPeriod year = ResolvedPeriod.named(PeriodName.YEAR, BERLIN, at("2027-03-29T02:30:00+02:00"));

            assertEquals(at("2026-03-30T00:00:00+02:00"), year.current().from());
            assertEquals(Window.closed(at("2025-03-30T00:00:00+01:00"), at("2026-03-29T03:30:00+02:00")),
                    year.previous().orElseThrow());
            assertEquals("2026-03", year.buckets().get(0).label());
            assertEquals(at("2026-03-30T00:00:00+02:00"), year.buckets().get(0).start());
            assertEquals(new Bucket("2026-10", at("2026-10-01T00:00:00+02:00"), at("2026-11-01T00:00:00+01:00")),
                    year.buckets().get(7), "October is 31 days and one hour long in Berlin");
        }
    }

    @Nested
    class InNewYork {

        @Test
        void springForwardDayHas23HourlyBuckets() {
            ResolvedPeriod today = today(NEW_YORK, "2026-03-08T23:00:00-04:00");

            assertEquals(concat(hours("2026-03-08", "-05:00", 0, 1), hours("2026-03-08", "-04:00", 3, 23)),
                    labels(today));
            assertEquals(Collections.nCopies(23, HOUR), lengths(today));
        }

        @Test
        void fallBackDayHas25HourlyBucketsWithTwoOneOClocks() {
            ResolvedPeriod today = today(NEW_YORK, "2026-11-01T23:00:00-05:00");

            assertEquals(concat(hours("2026-11-01", "-04:00", 0, 1), hours("2026-11-01", "-05:00", 1, 23)),
                    labels(today));
            assertEquals(25, today.buckets().size());
            assertEquals("2026-11-01T01:00:00-04:00", today.buckets().get(1).label());
            assertEquals("2026-11-01T01:00:00-05:00", today.buckets().get(2).label());
        }

        @Test
        void previousEndInTheGap() {
            assertEquals(Window.closed(at("2026-03-08T00:00:00-05:00"), at("2026-03-08T03:30:00-04:00")),
                    today(NEW_YORK, "2026-03-09T02:30:00-04:00").previous().orElseThrow());
        }

        @Test
        void previousEndInTheOverlap() {
            assertEquals(Window.closed(at("2026-11-01T00:00:00-04:00"), at("2026-11-01T01:30:00-04:00")),
                    today(NEW_YORK, "2026-11-02T01:30:00-05:00").previous().orElseThrow());
        }

        @Test
        void weekWhosePreviousEndFallsInTheGap() {
            ResolvedPeriod week = ResolvedPeriod.named(PeriodName.WEEK, NEW_YORK, at("2026-03-15T02:30:00-04:00"));

            assertEquals(at("2026-03-09T00:00:00-04:00"), week.current().from());
            assertEquals(Window.closed(at("2026-03-02T00:00:00-05:00"), at("2026-03-08T03:30:00-04:00")),
                    week.previous().orElseThrow());
        }

        @Test
        void monthHasA25HourDay() {
            ResolvedPeriod month = ResolvedPeriod.named(PeriodName.MONTH, NEW_YORK, at("2026-11-15T12:00:00-05:00"));

            assertEquals(at("2026-10-17T00:00:00-04:00"), month.current().from());
            assertEquals(Duration.ofHours(25), lengths(month).get(labels(month).indexOf("2026-11-01")));
            assertEquals(at("2026-09-17T00:00:00-04:00"), month.previous().orElseThrow().from());
        }

        @Test
        void yearInMonthlyBuckets() {
            ResolvedPeriod year = ResolvedPeriod.named(PeriodName.YEAR, NEW_YORK, at("2026-11-26T12:00:00-05:00"));

            assertEquals(at("2025-11-27T00:00:00-05:00"), year.current().from());
            assertEquals(13, year.buckets().size());
            assertEquals(new Bucket("2026-03", at("2026-03-01T00:00:00-05:00"), at("2026-04-01T00:00:00-04:00")),
                    year.buckets().get(4));
            assertEquals(Optional.of(at("2026-11-27T00:00:00-05:00")), year.expiresBy());
        }
    }

    @Nested
    class UnusualOffsets {

        @Test
        void kolkataHoursStartAtHalfPastUtc() {
            ResolvedPeriod today = today(KOLKATA, "2026-06-15T10:45:00+05:30");

            assertEquals(at("2026-06-14T18:30:00Z"), today.current().from());
            assertEquals(hours("2026-06-15", "+05:30", 0, 10), labels(today));
            assertEquals(at("2026-06-15T04:30:00Z"), today.buckets().get(10).start());
            assertEquals(Collections.nCopies(11, HOUR), lengths(today));
        }

        @Test
        void lordHoweSpringForwardSkipsHalfAnHour() {
            ResolvedPeriod today = today(LORD_HOWE, "2026-10-04T23:30:00+11:00");

            List<String> expected = concat(hours("2026-10-04", "+10:30", 0, 1),
                    concat(List.of("2026-10-04T02:30:00+11:00"), hours("2026-10-04", "+11:00", 3, 23)));
            assertEquals(expected, labels(today));
            assertEquals(24, today.buckets().size());
            assertEquals(Duration.ofMinutes(30), lengths(today).get(2));
            assertEquals(Duration.ofMinutes(23 * 60 + 30),
                    Duration.between(today.buckets().get(0).start(), today.buckets().get(23).end()));
        }

        @Test
        void lordHoweFallBackRepeatsHalfAnHourInItsOwnBucket() {
            ResolvedPeriod today = today(LORD_HOWE, "2026-04-05T23:30:00+10:30");

            List<String> expected = concat(hours("2026-04-05", "+11:00", 0, 1),
                    concat(List.of("2026-04-05T01:30:00+10:30"), hours("2026-04-05", "+10:30", 2, 23)));
            assertEquals(expected, labels(today));
            assertEquals(List.of(HOUR, HOUR, Duration.ofMinutes(30), HOUR), lengths(today).subList(0, 4));
        }

        @Test
        void lordHowePreviousEndsInGapAndOverlap() {
            assertEquals(at("2026-10-04T02:45:00+11:00"),
                    today(LORD_HOWE, "2026-10-05T02:15:00+11:00").previous().orElseThrow().to(),
                    "02:15 is in the 30-minute gap: moved forward by 30 minutes");
            assertEquals(at("2026-04-05T01:45:00+11:00"),
                    today(LORD_HOWE, "2026-04-06T01:45:00+10:30").previous().orElseThrow().to(),
                    "01:45 happens twice: the earlier offset");
        }

        @Test
        void havanaSkipsMidnightSoTodayStartsAtOne() {
            ResolvedPeriod today = today(HAVANA, "2026-03-08T10:00:00-04:00");

            assertEquals(at("2026-03-08T01:00:00-04:00"), today.current().from());
            assertEquals(hours("2026-03-08", "-04:00", 1, 10), labels(today));
            assertEquals(Window.closed(at("2026-03-07T00:00:00-05:00"), at("2026-03-07T10:00:00-05:00")),
                    today.previous().orElseThrow(), "yesterday had its midnight: the previous window starts there");
        }

        @Test
        void havanaRepeatsMidnightSoTodayStartsAtTheFirstOne() {
            ResolvedPeriod today = today(HAVANA, "2026-11-01T23:00:00-05:00");

            assertEquals(at("2026-11-01T00:00:00-04:00"), today.current().from());
            assertEquals(25, today.buckets().size());
            assertEquals(List.of("2026-11-01T00:00:00-04:00", "2026-11-01T00:00:00-05:00", "2026-11-01T01:00:00-05:00"),
                    labels(today).subList(0, 3));
        }
    }

    static Stream<Arguments> everyPeriodInEveryZoneOnOrdinaryAndChangeDays() {
        List<String> nows = List.of("2026-01-15T09:10:00Z", "2026-03-29T12:00:00Z", "2026-03-08T16:00:00Z",
                "2026-10-25T01:30:00Z", "2026-11-01T06:30:00Z", "2026-03-30T00:30:00Z", "2026-12-31T23:59:59.999999Z",
                "2028-02-29T12:00:00Z");
        return Stream.of(UTC, BERLIN, NEW_YORK, KOLKATA, LORD_HOWE, HAVANA)
                .flatMap(zone -> Stream.of(PeriodName.values())
                        .flatMap(period -> nows.stream().map(now -> Arguments.of(zone, period, Instant.parse(now)))));
    }

    @ParameterizedTest(name = "{1} in {0} at {2}")
    @MethodSource("everyPeriodInEveryZoneOnOrdinaryAndChangeDays")
    void bucketsTileTheWindowFromItsStartToTheBucketHoldingNow(ZoneId zone, PeriodName period, Instant now) {
        ResolvedPeriod resolved = ResolvedPeriod.named(period, zone, now);
        List<Bucket> buckets = resolved.buckets();

        assertEquals(resolved.current().from(), buckets.get(0).start());
        for (int i = 1; i < buckets.size(); i++) {
            assertEquals(buckets.get(i - 1).end(), buckets.get(i).start(), "contiguous at " + i);
        }
        assertTrue(buckets.get(buckets.size() - 1).contains(now));
        assertEquals(buckets.size(), labels(resolved).stream().distinct().count(), "labels are unique");
        Window previous = resolved.previous().orElseThrow();
        assertTrue(previous.to().isBefore(resolved.current().from()),
                "the previous window ends before this one starts");
        assertFalse(resolved.current().contains(now.plusNanos(1000)));
        assertTrue(resolved.expiresBy().orElseThrow().isAfter(now));
        assertEquals(buckets.size() - 1, resolved.bucketOf(now));
    }
}
