package io.careboard.metrics.overview;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;

/** The overview's SQL: two statements per computation, consultations (with the version) and money with ratings. */
@ApplicationScoped
public class OverviewRepository {

    /**
     * Consultations of the window and of the previous one, who was active in the window, and what
     * is in progress now: every consultation whose stored status is in_progress, whatever its
     * date (the partial index consultations_in_progress answers it).
     */
    static final String CONSULTATIONS = """
            select count(*) filter (where c.in_current) as total,
                   count(*) filter (where c.in_current and c.status = 'completed') as completed,
                   count(*) filter (where c.in_current and c.status in ('cancelled', 'no_show')) as failed,
                   count(*) filter (where not c.in_current) as previous_total,
                   count(distinct c.doctor_id) filter (where c.in_current and c.status = 'completed')
                       as active_doctors,
                   count(distinct c.patient_id) filter (where c.in_current) as active_patients,
                   (select count(*) from consultations where status = 'in_progress') as in_progress_now,
                   %s as version
            from (select c.status, c.doctor_id, c.patient_id,
                         c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to as in_current
                  from consultations c
                  -- Both windows at once; they never overlap.
                  where (c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to)
                     or (c.scheduled_at >= :prev_from and c.scheduled_at < :prev_to)) c
            """.formatted(DataVersionRepository.CURRENT_SQL);

    /**
     * Net revenue of both windows and the window's ratings. Gross: payments paid or refunded, by
     * paid_at (a later refund does not take a payment out of the gross of its day). Refunds: the
     * refunded amount (the whole amount when not given) of every payment that is not failed and
     * has refunded_at, by refunded_at. Failed payments never count; the consultation fee is not
     * revenue. Each sum is filtered on its own time column so its partial index serves it.
     */
    static final String MONEY_AND_RATINGS = """
            with gross as (
                select sum(p.amount) filter (where p.paid_at >= :cur_from and p.paid_at < :cur_to) as current,
                       sum(p.amount) filter (where p.paid_at >= :prev_from and p.paid_at < :prev_to) as previous
                from payments p
                where p.status in ('paid', 'refunded')
                  and ((p.paid_at >= :cur_from and p.paid_at < :cur_to)
                       or (p.paid_at >= :prev_from and p.paid_at < :prev_to))),
            refunds as (
                select sum(coalesce(p.refunded_amount, p.amount))
                           filter (where p.refunded_at >= :cur_from and p.refunded_at < :cur_to) as current,
                       sum(coalesce(p.refunded_amount, p.amount))
                           filter (where p.refunded_at >= :prev_from and p.refunded_at < :prev_to) as previous
                from payments p
                where p.status <> 'failed' and p.refunded_at is not null
                  and ((p.refunded_at >= :cur_from and p.refunded_at < :cur_to)
                       or (p.refunded_at >= :prev_from and p.refunded_at < :prev_to))),
            window_ratings as (
                select count(*) as ratings, sum(r.score) as score_sum
                from ratings r
                where r.created_at >= :cur_from and r.created_at < :cur_to)
            select coalesce(g.current, 0) - coalesce(f.current, 0) as net,
                   coalesce(g.previous, 0) - coalesce(f.previous, 0) as previous_net,
                   w.ratings, w.score_sum
            from gross g, refunds f, window_ratings w
            """;

    private final EntityManager entityManager;

    OverviewRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Consultation counts of both windows, the window's active doctors and patients, and those in progress now. */
    @RegisterForReflection
    public record ConsultationCounts(long total, long completed, long failed, long previousTotal, long activeDoctors,
            long activePatients, long inProgressNow) {
    }

    /** Net revenue of both windows (exact, unrounded) and the window's ratings. */
    @RegisterForReflection
    public record MoneyAndRatings(BigDecimal net, BigDecimal previousNet, long ratings, long scoreSum) {
    }

    public Versioned<ConsultationCounts> consultations(ResolvedPeriod period) {
        Tuple row = single(CONSULTATIONS, period);
        return new Versioned<>(new ConsultationCounts(MetricSql.count(row, "total"), MetricSql.count(row, "completed"),
                MetricSql.count(row, "failed"), MetricSql.count(row, "previous_total"),
                MetricSql.count(row, "active_doctors"), MetricSql.count(row, "active_patients"),
                MetricSql.count(row, "in_progress_now")), MetricSql.count(row, "version"));
    }

    public MoneyAndRatings moneyAndRatings(ResolvedPeriod period) {
        Tuple row = single(MONEY_AND_RATINGS, period);
        return new MoneyAndRatings(MetricSql.decimal(row, "net"), MetricSql.decimal(row, "previous_net"),
                MetricSql.count(row, "ratings"), MetricSql.count(row, "score_sum"));
    }

    private Tuple single(String sql, ResolvedPeriod period) {
        return (Tuple) MetricSql.period(entityManager.createNativeQuery(sql, Tuple.class), period, false, true)
                .getSingleResult();
    }
}
