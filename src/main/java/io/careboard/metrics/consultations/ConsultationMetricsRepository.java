package io.careboard.metrics.consultations;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.period.ResolvedPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import io.careboard.metrics.MetricService.Versioned;
import java.math.BigDecimal;
import java.util.List;

/** The consultation family's SQL: two statements per computation. */
@ApplicationScoped
public class ConsultationMetricsRepository {

    /**
     * Counts and time sums over the current window, per status, type, specialty and series
     * bucket, and overall ({@code dimension = 'all'}). Durations count completed consultations
     * with both times; waits every started one. Sums of intervals stay exact (microseconds).
     */
    static final String CURRENT = """
            with w as (
                select c.status, c.type, d.specialty,
                       width_bucket(c.scheduled_at, cast(:buckets as timestamptz[])) as bucket,
                       case when c.status = 'completed' then c.ended_at - c.started_at end as duration,
                       c.started_at - c.scheduled_at as wait
                from consultations c
                join doctors d on d.id = c.doctor_id
                where c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to)
            select case when grouping(status) = 0 then 'status'
                        when grouping(type) = 0 then 'type'
                        when grouping(specialty) = 0 then 'specialty'
                        when grouping(bucket) = 0 then 'bucket'
                        else 'all' end as dimension,
                   coalesce(status, type, specialty, cast(bucket as text)) as member,
                   count(*) as total,
                   count(*) filter (where status = 'completed') as completed,
                   extract(epoch from sum(duration)) as duration_seconds,
                   count(duration) as durations,
                   extract(epoch from sum(wait)) as wait_seconds,
                   count(wait) as waits,
                   %s as version
            from w
            group by grouping sets ((status), (type), (specialty), (bucket), ())
            """.formatted(DataVersionRepository.CURRENT_SQL);

    /** The exact median duration of the current window and the previous window's counts. */
    static final String MEDIAN_AND_PREVIOUS = """
            select (select extract(epoch from percentile_cont(0.5) within group (order by c.ended_at - c.started_at))
                    from consultations c
                    where c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to and c.status = 'completed'
                      and c.started_at is not null and c.ended_at is not null) as median_seconds,
                   count(*) as total,
                   count(*) filter (where status = 'completed') as completed,
                   count(*) filter (where status in ('cancelled', 'no_show')) as failed
            from consultations
            where scheduled_at >= :prev_from and scheduled_at < :prev_to
            """;

    private final EntityManager entityManager;

    ConsultationMetricsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One grouping of the current window; {@code dimension} is status, type, specialty, bucket or all. */
    public record Aggregate(String dimension, String member, long total, long completed, BigDecimal durationSeconds,
            long durations, BigDecimal waitSeconds, long waits) {
    }

    /** The previous window's counts and the current window's median duration (null without durations). */
    public record MedianAndPrevious(BigDecimal medianSeconds, long previousTotal, long previousCompleted,
            long previousFailed) {
    }

    /** The current window's aggregates and the data version read with them. */
    public Versioned<List<Aggregate>> current(ResolvedPeriod period) {
        List<Tuple> rows = MetricSql.tuples(
                MetricSql.period(entityManager.createNativeQuery(CURRENT, Tuple.class), period, true, false));
        List<Aggregate> aggregates = rows.stream().map(row -> new Aggregate(
                MetricSql.text(row, "dimension"), MetricSql.text(row, "member"), MetricSql.count(row, "total"),
                MetricSql.count(row, "completed"), MetricSql.decimal(row, "duration_seconds"),
                MetricSql.count(row, "durations"), MetricSql.decimal(row, "wait_seconds"),
                MetricSql.count(row, "waits"))).toList();
        return new Versioned<>(aggregates, MetricSql.count(rows.get(0), "version"));
    }

    public MedianAndPrevious medianAndPrevious(ResolvedPeriod period) {
        Tuple row = (Tuple) MetricSql.period(entityManager.createNativeQuery(MEDIAN_AND_PREVIOUS, Tuple.class),
                period, false, true).getSingleResult();
        return new MedianAndPrevious(MetricSql.decimal(row, "median_seconds"), MetricSql.count(row, "total"),
                MetricSql.count(row, "completed"), MetricSql.count(row, "failed"));
    }
}
