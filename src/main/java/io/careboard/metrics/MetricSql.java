package io.careboard.metrics;

import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.period.Window;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every metric query shares: windows bound as {@code :<name>_from} / {@code :<name>_to}
 * (always {@code ts >= from and ts < to}), bucket starts bound as {@code :buckets} for
 * {@code width_bucket(ts, cast(:buckets as timestamptz[]))}, and null-safe reads of aggregates.
 */
public final class MetricSql {

    private MetricSql() {
    }

    /** Binds {@code :<name>_from} and {@code :<name>_to} to the window's half-open bounds. */
    public static Query window(Query query, String name, Window window) {
        return query.setParameter(name + "_from", window.from()).setParameter(name + "_to", window.endExclusive());
    }

    /** Binds the current window as {@code :cur_*}, the previous one (if any) as {@code :prev_*} and {@code :buckets}. */
    public static Query period(Query query, ResolvedPeriod period, boolean withBuckets, boolean withPrevious) {
        window(query, "cur", period.current());
        if (withPrevious) {
            window(query, "prev", period.previous().orElseThrow());
        }
        if (withBuckets) {
            query.setParameter("buckets", period.bucketStartsLiteral());
        }
        return query;
    }

    /**
     * The local date, in the period's zone, of {@code column} (a {@code timestamptz} of a row in the
     * current window), as a SQL {@code date} expression: the day is found among the window's local
     * day starts computed in Java ({@link ResolvedPeriod#dayStarts()}), so the JDK's zone rules
     * decide it as they decide the buckets, never PostgreSQL's own tz data or session zone. Needs
     * {@link #localDays} bound. {@code column} is pasted in: pass a trusted column name only.
     */
    public static String localDate(String column) {
        return "(cast(:first_day as date) + width_bucket(" + column + ", cast(:day_starts as timestamptz[])) - 1)";
    }

    /** Binds {@code :first_day} and {@code :day_starts} for {@link #localDate}. */
    public static Query localDays(Query query, ResolvedPeriod period) {
        return query.setParameter("first_day", period.firstDay())
                .setParameter("day_starts", Arrays.stream(period.dayStarts()).map(Instant::toString)
                        .collect(Collectors.joining(",", "{", "}")));
    }

    /** A count or other integral column; SQL null (no rows) is 0. */
    public static long count(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** An exact decimal column; SQL null stays null. */
    public static BigDecimal decimal(Tuple row, String column) {
        Object value = row.get(column);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        return new BigDecimal(value.toString());
    }

    /** The rows of a native query built with {@code Tuple.class}. */
    @SuppressWarnings("unchecked")
    public static List<Tuple> tuples(Query query) {
        return query.getResultList();
    }

    public static String text(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }
}
