package io.careboard.metrics.period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a window into local calendar units, oldest first. Days, weeks and months start at local
 * midnight ({@link LocalDate#atStartOfDay(ZoneId)}, so a skipped midnight starts at the end of the
 * gap). Hours are local clock hours: a new bucket starts at every local {@code :00} and at every
 * offset transition, so each bucket lies within one UTC offset and its label (start time with
 * offset) names it unambiguously; a daylight-saving day in Berlin has 23 or 25 of them, and Lord
 * Howe's 30-minute shifts give one bucket of 30 minutes.
 */
final class Buckets {

    /** Local date-time with seconds and offset; {@code +00:00} rather than {@code Z} keeps every label one shape. */
    private static final DateTimeFormatter HOUR_LABEL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM:ss", "+00:00")
            .toFormatter(Locale.ROOT);

    private Buckets() {
    }

    /**
     * The buckets that cover {@code window}: the first starts at the window's start, the last holds
     * its end (for a closed window, the bucket holding now). Units cut by a half-open window's end
     * are clipped to it; a closed window's last bucket keeps its natural end.
     */
    static List<Bucket> cover(Window window, Granularity granularity, ZoneId zone) {
        List<Bucket> buckets = new ArrayList<>();
        Instant start = window.from();
        while (window.toInclusive() ? !start.isAfter(window.to()) : start.isBefore(window.to())) {
            Bucket bucket = granularity == Granularity.HOUR ? hour(start, zone) : calendar(start, granularity, zone);
            if (!window.toInclusive() && bucket.end().isAfter(window.to())) {
                bucket = new Bucket(bucket.label(), bucket.start(), window.to());
            }
            buckets.add(bucket);
            start = bucket.end();
        }
        return List.copyOf(buckets);
    }

    /** The hour bucket that starts at {@code start}: until the next local {@code :00} or offset transition. */
    private static Bucket hour(Instant start, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.getOffset(start);
        LocalDateTime local = LocalDateTime.ofInstant(start, offset);
        Instant end = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(offset);
        ZoneOffsetTransition transition = rules.nextTransition(start);
        if (transition != null && transition.getInstant().isBefore(end)) {
            end = transition.getInstant();
        }
        return new Bucket(HOUR_LABEL.format(local.atOffset(offset)), start, end);
    }

    /**
     * The day, ISO week or month bucket that holds {@code start}, starting at {@code start}: the
     * first unit of a window may begin before the window (a week whose Monday precedes {@code from}
     * keeps its Monday as label but counts from {@code from} only).
     */
    private static Bucket calendar(Instant start, Granularity granularity, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(start, zone);
        LocalDate next;
        String label;
        switch (granularity) {
            case DAY -> {
                next = date.plusDays(1);
                label = date.toString();
            }
            case WEEK -> {
                LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                next = monday.plusWeeks(1);
                label = monday.toString();
            }
            case MONTH -> {
                YearMonth month = YearMonth.from(date);
                next = month.plusMonths(1).atDay(1);
                label = month.toString();
            }
            default -> throw new IllegalArgumentException("not a calendar unit: " + granularity);
        }
        return new Bucket(label, start, next.atStartOfDay(zone).toInstant());
    }
}
