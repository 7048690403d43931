package io.careboard.metrics.revenue;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.util.List;

/** The revenue family's SQL: two statements per computation, the data version read by the first. */
@ApplicationScoped
public class RevenueMetricsRepository {

    /** How many doctors {@code top_doctors} lists. */
    static final int TOP_DOCTORS = 5;

    /**
     * Gross and refunds of the current window per consultation type, specialty, method, series
     * bucket and doctor, and overall ({@code dimension = 'all'}). An event is reported under its
     * payment's keys and placed in the bucket of its own instant, so a refund lands where it was
     * made. Only the top doctors by net come back, with their names.
     *
     * <p>Every grouping is a plain sum, so PostgreSQL aggregates all of them in one hashing pass;
     * the distinct count of paid consultations would force a sort per grouping set (twice the
     * time over a year), so it is a separate scalar subquery of the same statement, which reads
     * only the gross half of the events.
     */
    static final String CURRENT = """
            with events as (
                select e.doctor_id, e.method, e.gross, e.refund, c.type, d.specialty,
                       width_bucket(e.at, cast(:buckets as timestamptz[])) as bucket
                from (%1$s) e
                join consultations c on c.id = e.consultation_id
                join doctors d on d.id = e.doctor_id),
            figures as (
                select case when grouping(type) = 0 then 'type'
                            when grouping(specialty) = 0 then 'specialty'
                            when grouping(method) = 0 then 'method'
                            when grouping(bucket) = 0 then 'bucket'
                            when grouping(doctor_id) = 0 then 'doctor'
                            else 'all' end as dimension,
                       coalesce(type, specialty, method, cast(bucket as text), doctor_id) as member,
                       sum(gross) as gross,
                       sum(refund) as refunds
                from events
                group by grouping sets ((type), (specialty), (method), (bucket), (doctor_id), ())),
            ranked as (
                -- Doctors by net descending, ties by id in byte order (as Java compares ids).
                select f.*, row_number() over (partition by dimension
                                               order by gross - refunds desc, member collate "C") as rank
                from figures f)
            select r.dimension, r.member, d.full_name, r.gross, r.refunds, r.rank,
                   -- Two paid payments of one consultation make one paid consultation.
                   (select count(distinct e.consultation_id) from (%1$s) e where e.is_gross) as paid_consultations,
                   %2$s as version
            from ranked r
            left join doctors d on r.dimension = 'doctor' and d.id = r.member
            where r.dimension <> 'doctor' or r.rank <= :top_doctors
            """.formatted(PaymentEvents.in("cur"), DataVersionRepository.CURRENT_SQL);

    /** The previous window's gross and refunds. */
    static final String PREVIOUS = """
            select sum(e.gross) as gross, sum(e.refund) as refunds
            from (%s) e
            """.formatted(PaymentEvents.in("prev"));

    private final EntityManager entityManager;

    RevenueMetricsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
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
        List<Tuple> rows = MetricSql.tuples(MetricSql.period(entityManager.createNativeQuery(CURRENT, Tuple.class),
                period, true, false).setParameter("top_doctors", TOP_DOCTORS));
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
        Tuple row = (Tuple) MetricSql.window(entityManager.createNativeQuery(PREVIOUS, Tuple.class), "prev",
                period.previous().orElseThrow()).getSingleResult();
        return new Previous(MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"));
    }
}
