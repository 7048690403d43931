package io.careboard.metrics.doctors;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
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
 * The doctors family's SQL: one statement per computation, the data version included. Built past
 * days come from {@code rollup_doctors} and its blocks, the rest of the window (today, changed
 * days) from the raw rows; see {@link RollupSql} and {@link RollupBlocks}.
 */
@ApplicationScoped
public class DoctorMetricsRepository {

    /**
     * Per-doctor figures of the current window for every doctor with a consultation, a rating or a
     * payment event in it (a rollup row exists only for such a doctor), and on every row the
     * platform's rating totals (the Bayesian prior) and the data version. Names and specialties
     * are the doctors' current ones. Ranking happens in Java, where the Bayesian value is exact.
     */
    static final String FIGURES = """
            with %s, %s,
            events as (
                %s
                union all
                select x.doctor_id, x.consultations, x.completed, x.failed, x.duration_us, x.durations, x.rating_sum,
                       x.ratings, x.gross, x.refunds
                from (%s) x),
            figures as (
                select doctor_id, sum(consultations) as consultations, sum(completed) as completed,
                       sum(failed) as failed, sum(duration_us) / 1000000.0 as duration_seconds,
                       sum(durations) as durations, sum(ratings) as ratings, sum(rating_sum) as score_sum,
                       -- Net: gross by paid_at minus refunds by refunded_at.
                       sum(gross) - sum(refunds) as revenue
                from events
                group by doctor_id)
            select platform.version, platform.ratings as platform_ratings, platform.score_sum as platform_score_sum,
                   d.id as doctor_id, d.full_name, d.specialty,
                   f.consultations, f.completed, f.failed, f.duration_seconds, f.durations, f.ratings, f.score_sum,
                   f.revenue
            -- The platform side always gives one row, so an empty window still reads the version.
            from (select %s as version, coalesce(sum(ratings), 0) as ratings, coalesce(sum(score_sum), 0) as score_sum
                  from figures) platform
            left join (figures f join doctors d on d.id = f.doctor_id) on true
            """.formatted(RollupSql.plan("cur"), RollupBlocks.plan("cur"), RollupBlocks.rows("cur", "rollup_doctors",
            "r.doctor_id, r.consultations, r.completed, r.failed, r.duration_us, r.durations, r.rating_sum, r.ratings,"
                    + " r.gross, r.refunds", "true"),
            RollupBuilder.doctorEvents(Span.ranges("cur_raw")), DataVersionRepository.CURRENT_SQL);

    private final EntityManager entityManager;
    private final Rollups rollups;

    DoctorMetricsRepository(EntityManager entityManager, Rollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /** Every rating of the window (the prior's T and N) and the doctors with an event in it, unordered. */
    @RegisterForReflection
    public record Figures(long platformRatings, long platformScoreSum, List<DoctorFigures> doctors) {
    }

    /** One doctor's figures; {@code revenue} is net, 0 without a payment event. */
    @RegisterForReflection
    public record DoctorFigures(String doctorId, String fullName, String specialty, long consultations,
            long completed, long failed, BigDecimal durationSeconds, long durations, long ratings, long scoreSum,
            BigDecimal revenue) {
    }

    public Versioned<Figures> figures(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(FIGURES, Tuple.class);
        // No series: built days serve every named period, whatever its buckets.
        RollupSql.bind(query, "cur", period.current(), period.zone(), rollups.cover(period.zone()));
        List<Tuple> rows = MetricSql.tuples(query);
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
