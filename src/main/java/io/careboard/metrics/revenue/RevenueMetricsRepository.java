package io.careboard.metrics.revenue;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.period.ResolvedPeriod;
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
     * made. Only the top doctors by net come back.
     */
    static final String CURRENT = """
            with events as (
                select e.consultation_id, e.doctor_id, e.method, e.is_gross, e.gross, e.refund,
                       c.type, d.specialty, d.full_name,
                       width_bucket(e.at, cast(:buckets as timestamptz[])) as bucket
                from (%s) e
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
                       full_name,
                       sum(gross) as gross,
                       sum(refund) as refunds,
                       -- Two paid payments of one consultation make one paid consultation.
                       count(distinct consultation_id) filter (where is_gross) as paid_consultations
                from events
                group by grouping sets ((type), (specialty), (method), (bucket), (doctor_id, full_name), ())),
            ranked as (
                -- Doctors by net descending, ties by id in byte order (as Java compares ids).
                select f.*, row_number() over (partition by dimension
                                               order by gross - refunds desc, member collate "C") as rank
                from figures f)
            select dimension, member, full_name, gross, refunds, paid_consultations, rank, %s as version
            from ranked
            where dimension <> 'doctor' or rank <= :top_doctors
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
    public record Aggregate(String dimension, String member, String fullName, BigDecimal gross, BigDecimal refunds,
            long paidConsultations, long rank) {
    }

    /** The previous window's sums; null where nothing was paid or refunded. */
    public record Previous(BigDecimal gross, BigDecimal refunds) {
    }

    public Versioned<List<Aggregate>> current(ResolvedPeriod period) {
        List<Tuple> rows = MetricSql.tuples(MetricSql.period(entityManager.createNativeQuery(CURRENT, Tuple.class),
                period, true, false).setParameter("top_doctors", TOP_DOCTORS));
        List<Aggregate> aggregates = rows.stream().map(row -> new Aggregate(
                MetricSql.text(row, "dimension"), MetricSql.text(row, "member"), MetricSql.text(row, "full_name"),
                MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"),
                MetricSql.count(row, "paid_consultations"), MetricSql.count(row, "rank"))).toList();
        return new Versioned<>(aggregates, MetricSql.count(rows.get(0), "version"));
    }

    public Previous previous(ResolvedPeriod period) {
        Tuple row = (Tuple) MetricSql.window(entityManager.createNativeQuery(PREVIOUS, Tuple.class), "prev",
                period.previous().orElseThrow()).getSingleResult();
        return new Previous(MetricSql.decimal(row, "gross"), MetricSql.decimal(row, "refunds"));
    }
}
