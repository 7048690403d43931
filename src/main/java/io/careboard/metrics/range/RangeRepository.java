package io.careboard.metrics.range;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.Span;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.rollup.RollupSql;
import io.careboard.metrics.rollup.Rollups;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.util.List;

/**
 * The range family's SQL: one statement per computation. Built past days come from the daily
 * rollups, the rest of the range (today, future days, changed days, every hourly range) from the
 * raw rows; see {@link RollupSql}.
 */
@ApplicationScoped
public class RangeRepository {

    /**
     * Per bucket and over the whole range ({@code bucket} null): consultations by scheduled_at,
     * money by the payment events ({@link PaymentEvents}: gross by paid_at, refunds by refunded_at),
     * ratings by created_at. Built days come from {@code rollup_days}, one row a day (a built day
     * lies in one bucket: hourly ranges never read rollups); each raw source is summed per bucket
     * on its own time column's index, then the partial sums are added up per bucket. The empty
     * grouping set always gives the totals row, which carries the data version even for an empty
     * range.
     */
    static final String SERIES = """
            with %1$s,
            %4$s,
            partial_sums as (
                select width_bucket(c.day_from, (select b.starts from bucket_starts b)) as bucket, r.consultations,
                       r.completed, r.gross, r.refunds, r.ratings, r.rating_sum as score_sum
                from rollup_days r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select width_bucket(x.scheduled_at, (select b.starts from bucket_starts b)), count(*),
                       count(*) filter (where x.status = 'completed'), 0, 0, 0, 0
                from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                group by 1
                union all
                select width_bucket(e.at, (select b.starts from bucket_starts b)), 0, 0, sum(e.gross), sum(e.refund), 0, 0
                from (%2$s) e
                group by 1
                union all
                select width_bucket(x.created_at, (select b.starts from bucket_starts b)), 0, 0, 0, 0, count(*), sum(x.score)
                from ratings x join cur_raw w on x.created_at >= w.f and x.created_at < w.t
                group by 1)
            select s.bucket, sum(s.consultations) as consultations, sum(s.completed) as completed,
                   sum(s.gross) as gross, sum(s.refunds) as refunds, sum(s.ratings) as ratings,
                   sum(s.score_sum) as score_sum, %3$s as version
            from partial_sums s
            group by grouping sets ((s.bucket), ())
            """.formatted(RollupSql.plan("cur"), PaymentEvents.of(Span.ranges("cur_raw")),
            DataVersionRepository.CURRENT_SQL, MetricSql.BUCKET_STARTS);

    private final EntityManager entityManager;
    private final Rollups rollups;

    RangeRepository(EntityManager entityManager, Rollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /**
     * The figures of one bucket (1-based, as {@code width_bucket} numbers them) or of the whole
     * range ({@code bucket} 0). Money is exact and unrounded.
     */
    @RegisterForReflection
    public record Figures(int bucket, long consultations, long completed, BigDecimal gross, BigDecimal refunds,
            long ratings, long scoreSum) {
    }

    /** Buckets with data (the totals first) and the data version. */
    public Versioned<List<Figures>> series(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(SERIES, Tuple.class)
                .setParameter("buckets", period.bucketStartsLiteral());
        RollupSql.bind(query, "cur", period.current(), period.zone(), rollups.cover(period));
        List<Tuple> rows = MetricSql.tuples(query);
        List<Figures> figures = rows.stream().map(row -> new Figures((int) MetricSql.count(row, "bucket"),
                MetricSql.count(row, "consultations"), MetricSql.count(row, "completed"),
                MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"), MetricSql.count(row, "ratings"),
                MetricSql.count(row, "score_sum"))).toList();
        return new Versioned<>(figures, MetricSql.count(rows.get(0), "version"));
    }
}
