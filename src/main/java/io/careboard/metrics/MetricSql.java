package io.careboard.metrics;

import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.period.Window;
import io.careboard.metrics.rollup.RollupSql;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.util.List;

/**
 * What every metric query shares: windows bound as {@code :<name>_from} / {@code :<name>_to}
 * (always {@code ts >= from and ts < to}), bucket starts bound as {@code :buckets} for
 * {@code width_bucket(ts, (select b.starts from bucket_starts b))} with the array cast once in a
 * CTE {@code bucket_starts} (see RollupSql on bound arrays), and null-safe reads of aggregates.
 */
public final class MetricSql {

    /**
     * The CTE {@code bucket_starts(starts)}: {@code :buckets} cast once ({@link RollupSql#array});
     * read it as {@code (select b.starts from bucket_starts b)}.
     */
    public static final String BUCKET_STARTS = RollupSql.array("bucket_starts", "buckets");

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
