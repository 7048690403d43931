package io.careboard.metrics.range;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.util.List;

/** The range family's SQL: one statement per computation. */
@ApplicationScoped
public class RangeRepository {

    /**
     * Per bucket and over the whole range ({@code bucket} null): consultations by scheduled_at,
     * gross by paid_at (payments paid or refunded; a later refund does not remove it), refunds by
     * refunded_at (the refunded amount, the whole amount when not given, of any payment that is not
     * failed), ratings by created_at. Each source is aggregated on its own time column, so each uses
     * its own index, then the partial sums are added up per bucket. The empty grouping set always
     * gives the totals row, which carries the data version even for an empty range.
     */
    static final String SERIES = """
            with consultation_buckets as (
                select width_bucket(c.scheduled_at, cast(:buckets as timestamptz[])) as bucket,
                       count(*) as consultations, count(*) filter (where c.status = 'completed') as completed
                from consultations c
                where c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to
                group by 1),
            gross_buckets as (
                select width_bucket(p.paid_at, cast(:buckets as timestamptz[])) as bucket, sum(p.amount) as gross
                from payments p
                where p.status in ('paid', 'refunded') and p.paid_at >= :cur_from and p.paid_at < :cur_to
                group by 1),
            refund_buckets as (
                select width_bucket(p.refunded_at, cast(:buckets as timestamptz[])) as bucket,
                       sum(coalesce(p.refunded_amount, p.amount)) as refunds
                from payments p
                where p.status <> 'failed' and p.refunded_at >= :cur_from and p.refunded_at < :cur_to
                group by 1),
            rating_buckets as (
                select width_bucket(r.created_at, cast(:buckets as timestamptz[])) as bucket,
                       count(*) as ratings, sum(r.score) as score_sum
                from ratings r
                where r.created_at >= :cur_from and r.created_at < :cur_to
                group by 1),
            partial_sums as (
                select bucket, consultations, completed, cast(0 as numeric) as gross, cast(0 as numeric) as refunds,
                       cast(0 as bigint) as ratings, cast(0 as bigint) as score_sum
                from consultation_buckets
                union all
                select bucket, 0, 0, gross, 0, 0, 0 from gross_buckets
                union all
                select bucket, 0, 0, 0, refunds, 0, 0 from refund_buckets
                union all
                select bucket, 0, 0, 0, 0, ratings, score_sum from rating_buckets)
            select s.bucket, sum(s.consultations) as consultations, sum(s.completed) as completed,
                   sum(s.gross) as gross, sum(s.refunds) as refunds, sum(s.ratings) as ratings,
                   sum(s.score_sum) as score_sum, %s as version
            from partial_sums s
            group by grouping sets ((s.bucket), ())
            """.formatted(DataVersionRepository.CURRENT_SQL);

    private final EntityManager entityManager;

    RangeRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
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
        List<Tuple> rows = MetricSql.tuples(MetricSql.period(entityManager.createNativeQuery(SERIES, Tuple.class),
                period, true, false));
        List<Figures> figures = rows.stream().map(row -> new Figures((int) MetricSql.count(row, "bucket"),
                MetricSql.count(row, "consultations"), MetricSql.count(row, "completed"),
                MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"), MetricSql.count(row, "ratings"),
                MetricSql.count(row, "score_sum"))).toList();
        return new Versioned<>(figures, MetricSql.count(rows.get(0), "version"));
    }
}
