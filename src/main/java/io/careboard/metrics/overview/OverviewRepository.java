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
                select true as in_current, r.consultations as total, r.completed, r.failed
                from rollup_days r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select false, r.consultations, 0, 0
                from rollup_days r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select true, 1, case when x.status = 'completed' then 1 else 0 end,
                       case when x.status in ('cancelled', 'no_show') then 1 else 0 end
                from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                union all
                select false, 1, 0, 0
                from consultations x join prev_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t),
            active_doctors as (
                -- Doctors who completed a consultation, raw on the rest of the window or on a built day:
                -- one probe of rollup_doctors_completed per doctor, not a year of every doctor's days.
                -- A scalar subquery with a limit, not an exists: the planner may hash an exists over
                -- all the window's rows (it cannot estimate cur_clean), which costs ~130 ms a year.
                select count(*) as doctors
                from doctors d
                where d.id in (select x.doctor_id
                               from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                               where x.status = 'completed')
                   or coalesce((select true from rollup_doctors r
                                where r.zone = :rollup_zone and r.doctor_id = d.id and r.completed > 0
                                  and r.day >= cast(:cur_first_day as date)
                                  and r.day in (select c.day from cur_clean c)
                                limit 1), false))
            select coalesce(sum(c.total) filter (where c.in_current), 0) as total,
                   coalesce(sum(c.completed) filter (where c.in_current), 0) as completed,
                   coalesce(sum(c.failed) filter (where c.in_current), 0) as failed,
                   coalesce(sum(c.total) filter (where not c.in_current), 0) as previous_total,
                   (select a.doctors from active_doctors a) as active_doctors,
                   (select sum(p.patients) from cur_patients p where p.age_group = '*') as active_patients,
                   (select count(*) from consultations where status = 'in_progress') as in_progress_now,
                   %4$s as version
            from counted c
            """.formatted(RollupSql.plan("cur"), RollupSql.plan("prev"), SeenPatients.plan("cur"),
            DataVersionRepository.CURRENT_SQL);

    /**
     * Net revenue of both windows and the window's ratings. Money follows {@link PaymentEvents}
     * (gross by paid_at, refunds by refunded_at, failed never; the consultation fee is not
     * revenue), ratings count by created_at; built days from rollup_days.
     */
    static final String MONEY_AND_RATINGS = """
            with %1$s, %2$s,
            summed as (
                select true as in_current, r.gross - r.refunds as net, r.ratings, r.rating_sum as score_sum
                from rollup_days r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select false, r.gross - r.refunds, 0, 0
                from rollup_days r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select true, e.gross - e.refund, 0, 0 from (%3$s) e
                union all
                select false, e.gross - e.refund, 0, 0 from (%4$s) e
                union all
                select true, 0, 1, x.score
                from ratings x join cur_raw w on x.created_at >= w.f and x.created_at < w.t)
            select coalesce(sum(s.net) filter (where s.in_current), 0) as net,
                   coalesce(sum(s.net) filter (where not s.in_current), 0) as previous_net,
                   coalesce(sum(s.ratings), 0) as ratings, sum(s.score_sum) as score_sum
            from summed s
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
