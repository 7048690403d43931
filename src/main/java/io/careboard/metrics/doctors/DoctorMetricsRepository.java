package io.careboard.metrics.doctors;

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

/** The doctors family's SQL: one statement per computation, the data version included. */
@ApplicationScoped
public class DoctorMetricsRepository {

    /**
     * Per-doctor figures of the current window for every doctor with a consultation, a rating or a
     * payment event in it, and on every row the platform's rating totals (the Bayesian prior) and
     * the data version. Ratings and payments carry their consultation's doctor, so no join back to
     * consultations is needed. Ranking happens in Java, where the Bayesian value is exact.
     */
    static final String FIGURES = """
            with consultation_figures as (
                -- By scheduled_at, any status. A duration needs both times (the interval is null
                -- otherwise, and sum and count skip nulls).
                select c.doctor_id,
                       count(*) as consultations,
                       count(*) filter (where c.status = 'completed') as completed,
                       count(*) filter (where c.status in ('cancelled', 'no_show')) as failed,
                       extract(epoch from sum(c.ended_at - c.started_at) filter (where c.status = 'completed'))
                           as duration_seconds,
                       count(c.ended_at - c.started_at) filter (where c.status = 'completed') as durations
                from consultations c
                where c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to
                group by c.doctor_id),
            rating_figures as (
                -- By created_at, to the doctor of the rated consultation.
                select r.doctor_id, count(*) as ratings, sum(r.score) as score_sum
                from ratings r
                where r.created_at >= :cur_from and r.created_at < :cur_to
                group by r.doctor_id),
            payment_figures as (
                -- Net revenue, gross by paid_at minus refunds by refunded_at.
                select e.doctor_id, sum(e.gross) - sum(e.refund) as revenue
                from (%s) e
                group by e.doctor_id),
            listed as (
                -- Every doctor with any kind of event, whatever the active flag says.
                select doctor_id from consultation_figures
                union select doctor_id from rating_figures
                union select doctor_id from payment_figures)
            select platform.version, platform.ratings as platform_ratings, platform.score_sum as platform_score_sum,
                   d.id as doctor_id, d.full_name, d.specialty,
                   cf.consultations, cf.completed, cf.failed, cf.duration_seconds, cf.durations,
                   rf.ratings, rf.score_sum, pf.revenue
            -- The platform side always gives one row, so an empty window still reads the version.
            from (select %s as version, coalesce(sum(ratings), 0) as ratings, coalesce(sum(score_sum), 0) as score_sum
                  from rating_figures) platform
            left join (listed l
                       join doctors d on d.id = l.doctor_id
                       left join consultation_figures cf on cf.doctor_id = d.id
                       left join rating_figures rf on rf.doctor_id = d.id
                       left join payment_figures pf on pf.doctor_id = d.id) on true
            """.formatted(PaymentEvents.in("cur"), DataVersionRepository.CURRENT_SQL);

    private final EntityManager entityManager;

    DoctorMetricsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every rating of the window (the prior's T and N) and the doctors with an event in it, unordered. */
    @RegisterForReflection
    public record Figures(long platformRatings, long platformScoreSum, List<DoctorFigures> doctors) {
    }

    /** One doctor's raw figures; {@code revenue} is null without a payment event. */
    @RegisterForReflection
    public record DoctorFigures(String doctorId, String fullName, String specialty, long consultations,
            long completed, long failed, BigDecimal durationSeconds, long durations, long ratings, long scoreSum,
            BigDecimal revenue) {
    }

    public Versioned<Figures> figures(ResolvedPeriod period) {
        List<Tuple> rows = MetricSql.tuples(
                MetricSql.period(entityManager.createNativeQuery(FIGURES, Tuple.class), period, false, false));
        Tuple platform = rows.get(0);
        List<DoctorFigures> doctors = rows.stream()
                .filter(row -> row.get("doctor_id") != null)
                .map(row -> new DoctorFigures(MetricSql.text(row, "doctor_id"), MetricSql.text(row, "full_name"),
                        MetricSql.text(row, "specialty"), MetricSql.count(row, "consultations"),
                        MetricSql.count(row, "completed"), MetricSql.count(row, "failed"),
                        MetricSql.decimal(row, "duration_seconds"), MetricSql.count(row, "durations"),
                        MetricSql.count(row, "ratings"), MetricSql.count(row, "score_sum"),
                        MetricSql.decimal(row, "revenue")))
                .toList();
        return new Versioned<>(new Figures(MetricSql.count(platform, "platform_ratings"),
                MetricSql.count(platform, "platform_score_sum"), doctors), MetricSql.count(platform, "version"));
    }
}
