package io.careboard.metrics.overview;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.Span;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.rollup.RollupSql;
import io.careboard.metrics.rollup.Rollups;
import io.careboard.metrics.rollup.SeenPatients;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;

/**
 * The overview's SQL: two statements per computation, consultations (with the version) and money
 * with ratings. Built past days come from the daily rollups, the rest of each window from raw rows
 * ({@link RollupSql}); active patients from the last-seen rollups ({@link SeenPatients}).
 */
@ApplicationScoped
public class OverviewRepository {

    /**
     * Consultations of the window and of the previous one, who was active in the window, and what
     * is in progress now: every consultation whose stored status is in_progress, whatever its
     * date (the partial index consultations_in_progress answers it).
     */
    static final String CONSULTATIONS = """
            with %1$s, %2$s, %3$s,
            counted as (
                select true as in_current, r.consultations as total,
                       case when r.status = 'completed' then r.consultations else 0 end as completed,
                       case when r.status in ('cancelled', 'no_show') then r.consultations else 0 end as failed
                from rollup_consultations r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select false, r.consultations, 0, 0
                from rollup_consultations r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select true, 1, case when x.status = 'completed' then 1 else 0 end,
                       case when x.status in ('cancelled', 'no_show') then 1 else 0 end
                from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                union all
                select false, 1, 0, 0
                from consultations x join prev_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t),
            active_doctors as (
                -- Doctors with a completed consultation: on a built day, or raw on the rest.
                select r.doctor_id
                from rollup_doctors r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone and r.completed > 0
                union
                select x.doctor_id
                from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                where x.status = 'completed')
            select coalesce(sum(c.total) filter (where c.in_current), 0) as total,
                   coalesce(sum(c.completed) filter (where c.in_current), 0) as completed,
                   coalesce(sum(c.failed) filter (where c.in_current), 0) as failed,
                   coalesce(sum(c.total) filter (where not c.in_current), 0) as previous_total,
                   (select count(*) from active_doctors) as active_doctors,
                   (select sum(p.patients) from cur_patients p where p.age_group = '*') as active_patients,
                   (select count(*) from consultations where status = 'in_progress') as in_progress_now,
                   %4$s as version
            from counted c
            """.formatted(RollupSql.plan("cur"), RollupSql.plan("prev"), SeenPatients.plan("cur"),
            DataVersionRepository.CURRENT_SQL);

    /**
     * Net revenue of both windows and the window's ratings. Money follows {@link PaymentEvents}
     * (gross by paid_at, refunds by refunded_at, failed never; the consultation fee is not
     * revenue), from rollup_payments on built days; ratings by created_at, from rollup_doctors.
     */
    static final String MONEY_AND_RATINGS = """
            with %1$s, %2$s,
            money as (
                select true as in_current, r.gross - r.refunds as net
                from rollup_payments r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select false, r.gross - r.refunds
                from rollup_payments r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select true, e.gross - e.refund from (%3$s) e
                union all
                select false, e.gross - e.refund from (%4$s) e),
            window_ratings as (
                select r.ratings, r.rating_sum as score_sum
                from rollup_doctors r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select 1, x.score
                from ratings x join cur_raw w on x.created_at >= w.f and x.created_at < w.t)
            select (select coalesce(sum(m.net) filter (where m.in_current), 0) from money m) as net,
                   (select coalesce(sum(m.net) filter (where not m.in_current), 0) from money m) as previous_net,
                   coalesce(sum(w.ratings), 0) as ratings, sum(w.score_sum) as score_sum
            from window_ratings w
            """.formatted(RollupSql.plan("cur"), RollupSql.plan("prev"), PaymentEvents.of(Span.ranges("cur_raw")),
            PaymentEvents.of(Span.ranges("prev_raw")));

    private final EntityManager entityManager;
    private final Rollups rollups;

    OverviewRepository(EntityManager entityManager, Rollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
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

    /** Both windows planned for the rollups: no series, so whenever the zone has them. */
    private Tuple single(String sql, ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(sql, Tuple.class);
        boolean covered = rollups.cover(period.zone());
        RollupSql.bind(query, "cur", period.current(), period.zone(), covered);
        RollupSql.bind(query, "prev", period.previous().orElseThrow(), period.zone(), covered);
        return (Tuple) query.getSingleResult();
    }
}
