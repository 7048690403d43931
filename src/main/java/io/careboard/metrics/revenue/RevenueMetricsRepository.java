package io.careboard.metrics.revenue;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.Span;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.rollup.RollupBlocks;
import io.careboard.metrics.rollup.RollupBuilder;
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
 * The revenue family's SQL: two statements per computation, the data version read by the first.
 * Built past days come from the rollups ({@code rollup_days} for totals and series,
 * {@code rollup_payments} and {@code rollup_doctors} with their blocks for keys and doctors), the
 * rest of each window (today, changed days) from the payments themselves; see {@link RollupSql}.
 */
@ApplicationScoped
public class RevenueMetricsRepository {

    /** How many doctors {@code top_doctors} lists. */
    static final int TOP_DOCTORS = 5;

    /**
     * Gross and refunds of the current window overall ({@code dimension = 'all'}), per series bucket
     * and per consultation type, specialty and method, then the top doctors by net with their names.
     * An event is reported under its payment's keys and placed in the bucket of its own instant, so
     * a refund lands where it was made (a built day lies in one bucket: no series is hourly here).
     *
     * <p>Every grouping is a plain sum, so PostgreSQL aggregates each set in one hashing pass.
     * Paid consultations are distinct consultations with a gross event: the gross events counted
     * (per built day in the rollup), less the gross payments whose consultation's previous gross
     * payment is in the window too ({@code payment_repeats}, see the migration).
     */
    static final String CURRENT = """
            with %1$s, %2$s,
            %7$s,
            raw as (
                select e.*, width_bucket(e.at, (select b.starts from bucket_starts b)) as bucket
                from (%3$s) e),
            totals as (
                select case when grouping(x.bucket) = 0 then 'bucket' else 'all' end as dimension,
                       cast(x.bucket as text) as member, sum(x.gross) as gross, sum(x.refunds) as refunds,
                       sum(x.gross_payments) as gross_payments
                from (select width_bucket(c.day_from, (select b.starts from bucket_starts b)) as bucket, r.gross, r.refunds,
                             r.gross_payments
                      from rollup_days r join cur_clean c on r.day = c.day
                      where r.zone = :rollup_zone
                      union all
                      select e.bucket, e.gross, e.refund, case when e.is_gross then 1 else 0 end from raw e) x
                group by grouping sets ((x.bucket), ())),
            keyed as (
                select case when grouping(x.type) = 0 then 'type'
                            when grouping(x.specialty) = 0 then 'specialty'
                            else 'method' end as dimension,
                       coalesce(x.type, x.specialty, x.method) as member, sum(x.gross) as gross,
                       sum(x.refunds) as refunds
                from (%4$s
                      union all
                      select e.type, e.specialty, e.method, e.gross, e.refund from raw e) x
                group by grouping sets ((x.type), (x.specialty), (x.method))),
            doctor_money as (
                -- Doctors with a payment event by net descending, ties by id in byte order (as Java compares ids).
                select x.doctor_id, sum(x.gross) as gross, sum(x.refunds) as refunds,
                       row_number() over (order by sum(x.gross) - sum(x.refunds) desc, x.doctor_id collate "C") as rank
                from (%5$s
                      union all
                      select e.doctor_id, e.gross, e.refund from raw e) x
                group by x.doctor_id)
            select x.*,
                   (select t.gross_payments from totals t where t.dimension = 'all') - (
                       -- Two paid payments of one consultation make one paid consultation.
                       select count(*) from payment_repeats p
                       where p.paid_at >= :cur_from and p.paid_at < :cur_to and p.previous_paid_at >= :cur_from)
                       as paid_consultations,
                   %6$s as version
            from (select t.dimension, t.member, null as full_name, t.gross, t.refunds, 0 as rank from totals t
                  union all
                  select k.dimension, k.member, null, k.gross, k.refunds, 0 from keyed k
                  union all
                  select 'doctor', t.doctor_id, d.full_name, t.gross, t.refunds, t.rank
                  from doctor_money t join doctors d on d.id = t.doctor_id
                  where t.rank <= :top_doctors) x
            """.formatted(RollupSql.plan("cur"), RollupBlocks.plan("cur"),
            RollupBuilder.paymentEvents(Span.ranges("cur_raw")),
            RollupBlocks.rows("cur", "rollup_payments", "r.type, r.specialty, r.method, r.gross, r.refunds", "true"),
            RollupBlocks.rows("cur", "rollup_doctors", "r.doctor_id, r.gross, r.refunds", "r.payment_events > 0"),
            DataVersionRepository.CURRENT_SQL, MetricSql.BUCKET_STARTS);

    /** The previous window's gross and refunds. */
    static final String PREVIOUS = """
            with %s
            select sum(x.gross) as gross, sum(x.refunds) as refunds
            from (select r.gross, r.refunds
                  from rollup_days r join prev_clean c on r.day = c.day
                  where r.zone = :rollup_zone
                  union all
                  select e.gross, e.refund from (%s) e) x
            """.formatted(RollupSql.plan("prev"), PaymentEvents.of(Span.ranges("prev_raw")));

    private final EntityManager entityManager;
    private final Rollups rollups;

    RevenueMetricsRepository(EntityManager entityManager, Rollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /**
     * One grouping of the current window; {@code dimension} is type, specialty, method, bucket
     * (member = the 1-based bucket number), doctor (with its name and rank) or all. Sums are null
     * where nothing was paid or refunded.
     */
    @RegisterForReflection
    public record Aggregate(String dimension, String member, String fullName, BigDecimal gross, BigDecimal refunds,
            long rank) {
    }

    /** The current window's groupings, its number of paid consultations, and the data version. */
    @RegisterForReflection
    public record Current(List<Aggregate> aggregates, long paidConsultations) {
    }

    /** The previous window's sums; null where nothing was paid or refunded. */
    @RegisterForReflection
    public record Previous(BigDecimal gross, BigDecimal refunds) {
    }

    public Versioned<Current> current(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(CURRENT, Tuple.class)
                .setParameter("buckets", period.bucketStartsLiteral()).setParameter("top_doctors", TOP_DOCTORS);
        RollupSql.bind(query, "cur", period.current(), period.zone(), rollups.cover(period));
        List<Tuple> rows = MetricSql.tuples(query);
        List<Aggregate> aggregates = rows.stream().map(row -> new Aggregate(
                MetricSql.text(row, "dimension"), MetricSql.text(row, "member"), MetricSql.text(row, "full_name"),
                MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"), MetricSql.count(row, "rank")))
                .toList();
        // The overall grouping always exists, so every window has a first row carrying these.
        Tuple first = rows.get(0);
        return new Versioned<>(new Current(aggregates, MetricSql.count(first, "paid_consultations")),
                MetricSql.count(first, "version"));
    }

    public Previous previous(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(PREVIOUS, Tuple.class);
        RollupSql.bind(query, "prev", period.previous().orElseThrow(), period.zone(), rollups.cover(period.zone()));
        Tuple row = (Tuple) query.getSingleResult();
        return new Previous(MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"));
    }
}
