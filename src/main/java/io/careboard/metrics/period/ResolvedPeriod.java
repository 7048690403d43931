package io.careboard.metrics.period;

import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A period turned into instants: the window a metric counts, the previous window it is compared
 * with, and the buckets of its time series. Everything a metric query needs about time, computed
 * once in Java with the JDK's time-zone rules, so SQL only ever compares instants and never needs
 * PostgreSQL's own (possibly different) zone data.
 *
 * @param name        {@code today}, {@code week}, {@code month}, {@code year} or {@code range}
 * @param zone        the zone whose local days cut the window
 * @param current     the window the metric counts
 * @param previous    the comparison window of a named period; empty for {@code range}
 * @param granularity the unit of the buckets
 * @param buckets     the series' buckets, oldest first, covering {@code current}
 * @param expiresBy   for a named period, the next local midnight after now: a cached answer must
 *                    not outlive it; empty for {@code range}, whose window does not move
 */
@RegisterForReflection
public record ResolvedPeriod(String name, ZoneId zone, Window current, Optional<Window> previous,
                             Granularity granularity, List<Bucket> buckets, Optional<Instant> expiresBy) {

    /** Longest {@code /range}, in days counted inclusively: two years, one of them a leap year. */
    public static final int MAX_RANGE_DAYS = 731;
    /** Longest {@code /range} in hourly buckets, in days counted inclusively (at most 745 buckets). */
    public static final int MAX_HOURLY_RANGE_DAYS = 31;

    public ResolvedPeriod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(granularity, "granularity");
        buckets = List.copyOf(buckets);
        Objects.requireNonNull(expiresBy, "expiresBy");
    }

    /**
     * A named period at {@code now}: from local midnight {@code lookBackDays} days ago to now,
     * inclusive. Now is truncated to microseconds, PostgreSQL's resolution, so the window says
     * exactly what the database compares.
     *
     * <p>The previous window moves both bounds back {@code shiftDays} local days keeping the wall
     * clock: its end is now's local date-time {@code shiftDays} earlier, resolved as
     * {@link ZonedDateTime#of(java.time.LocalDateTime, ZoneId)} does (a time in a gap moves forward
     * by the gap, an ambiguous one takes the earlier offset); its start is the local midnight
     * {@code shiftDays} before the current start (the same thing, except that a current window
     * whose midnight was skipped does not shorten the previous one).
     */
    public static ResolvedPeriod named(PeriodName period, ZoneId zone, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        ZonedDateTime local = at.atZone(zone);
        LocalDate first = local.toLocalDate().minusDays(period.lookBackDays());
        Window current = Window.closed(first.atStartOfDay(zone).toInstant(), at);
        Window previous = Window.closed(
                first.minusDays(period.shiftDays()).atStartOfDay(zone).toInstant(),
                ZonedDateTime.of(local.toLocalDateTime().minusDays(period.shiftDays()), zone).toInstant());
        return new ResolvedPeriod(period.wire(), zone, current, Optional.of(previous), period.granularity(),
                Buckets.cover(current, period.granularity(), zone), Optional.of(Zones.nextMidnight(zone, at)));
    }

    /**
     * A {@code /range} of local dates, both inclusive: {@code [midnight of from, midnight after to)}.
     * Up to {@value #MAX_RANGE_DAYS} days are allowed, hourly up to {@value #MAX_HOURLY_RANGE_DAYS};
     * every broken limit is reported, each under the parameter to change.
     */
    public static ResolvedPeriod range(LocalDate from, LocalDate to, Granularity granularity, ZoneId zone) {
        List<FieldError> errors = new ArrayList<>();
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (days > MAX_RANGE_DAYS) {
            errors.add(new FieldError("to", "the range may span at most " + MAX_RANGE_DAYS + " days, from included"));
        }
        if (granularity == Granularity.HOUR && days > MAX_HOURLY_RANGE_DAYS) {
            errors.add(new FieldError("granularity",
                    "hour allows a range of at most " + MAX_HOURLY_RANGE_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        Window window = Window.halfOpen(from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant());
        return new ResolvedPeriod("range", zone, window, Optional.empty(), granularity,
                Buckets.cover(window, granularity, zone), Optional.empty());
    }

    /** Whether this is a {@code /range} (fixed local dates) rather than a named period ending now. */
    public boolean isRange() {
        return previous.isEmpty();
    }

    /** The first local day of the window. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(current.from(), zone);
    }

    /** The last local day of the window: the day of now, or a range's {@code to}. */
    public LocalDate lastDay() {
        LocalDate day = LocalDate.ofInstant(current.to(), zone);
        return current.toInclusive() ? day : day.minusDays(1);
    }

    /**
     * The buckets' start instants, ascending: with the rows already limited to the window,
     * {@code width_bucket(ts, ?::timestamptz[])} numbers a row's bucket from 1, and
     * {@link #bucketOf(Instant)} + 1 gives the same number in Java.
     */
    public Instant[] bucketStarts() {
        return buckets.stream().map(Bucket::start).toArray(Instant[]::new);
    }

    /**
     * {@link #bucketStarts()} as a PostgreSQL array literal ({@code {2026-03-29T00:00:00Z,...}}),
     * for drivers that bind a string more easily than an array: {@code width_bucket(ts, ?::timestamptz[])}.
     */
    public String bucketStartsLiteral() {
        return buckets.stream().map(bucket -> bucket.start().toString()).collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The start instants of the local days the window touches, ascending, the first one being the
     * window's start: {@code date 'firstDay' + width_bucket(ts, ?::timestamptz[]) - 1} is then the
     * local date of a row in the window by the same zone rules as the buckets, without PostgreSQL's
     * {@code at time zone} (ages are counted on the local date of {@code scheduled_at}).
     */
    public Instant[] dayStarts() {
        return Buckets.cover(current, Granularity.DAY, zone).stream().map(Bucket::start).toArray(Instant[]::new);
    }

    /** The index of the bucket holding {@code instant}, or -1 when the window does not contain it. */
    public int bucketOf(Instant instant) {
        if (!current.contains(instant)) {
            return -1;
        }
        int low = 0;
        int high = buckets.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (buckets.get(middle).start().isAfter(instant)) {
                high = middle - 1;
            } else {
                low = middle;
            }
        }
        return low;
    }
}
