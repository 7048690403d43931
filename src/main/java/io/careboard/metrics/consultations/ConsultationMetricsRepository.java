package io.careboard.metrics.consultations;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.rollup.RollupBlocks;
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
 * The consultation family's SQL: two statements per computation. Built past days come from the
 * daily rollups, the rest of each window (today, changed days) from the consultations themselves;
 * see {@link RollupSql}.
 */
@ApplicationScoped
public class ConsultationMetricsRepository {

    /** Completed consultations' durations, for the raw part of a window {@code w}. */
    private static final String RAW_DURATIONS = """
            select interval_us(x.ended_at - x.started_at) as duration_us
            from consultations x join %1$s_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
            where x.status = 'completed' and x.started_at is not null and x.ended_at is not null""";

    /**
     * Counts and time sums over the current window, per status, type and specialty, and overall
     * ({@code dimension = 'all'}); counts per series bucket. Durations count completed
     * consultations with both times; waits every started one. Times are summed in microseconds,
     * exactly. Built days come from the blocks of rollup_consultations (the keyed sums) and from
     * rollup_days (one row a day for the buckets), the rest of the window from raw rows.
     */
    static final String CURRENT = """
            with %1$s, %2$s,
            %5$s,
            raw as (
                select x.status, x.type, d.specialty,
                       width_bucket(x.scheduled_at, (select b.starts from bucket_starts b)) as bucket,
                       1 as total, case when x.status = 'completed' then 1 else 0 end as completed,
                       case when x.status = 'completed' then coalesce(interval_us(x.ended_at - x.started_at), 0)
                            else 0 end as duration_us,
                       case when x.status = 'completed' and x.ended_at - x.started_at is not null then 1 else 0 end
                           as durations,
                       coalesce(interval_us(x.started_at - x.scheduled_at), 0) as wait_us,
                       case when x.started_at is not null then 1 else 0 end as waits
                from consultations x
                join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                join doctors d on d.id = x.doctor_id),
            keyed as (
                select r.status, r.type, r.specialty, r.consultations as total,
                       case when r.status = 'completed' then r.consultations else 0 end as completed,
                       r.duration_us, r.durations, r.wait_us, r.waits
                from (%3$s) r
                union all
                select status, type, specialty, total, completed, duration_us, durations, wait_us, waits from raw),
            bucketed as (
                select width_bucket(c.day_from, (select b.starts from bucket_starts b)) as bucket,
                       r.consultations as total, r.completed
                from rollup_days r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select bucket, total, completed from raw),
            figures as (
                select case when grouping(status) = 0 then 'status'
                            when grouping(type) = 0 then 'type'
                            when grouping(specialty) = 0 then 'specialty'
                            else 'all' end as dimension,
                       coalesce(status, type, specialty) as member,
                       coalesce(sum(total), 0) as total,
                       coalesce(sum(completed), 0) as completed,
                       sum(duration_us) / 1000000.0 as duration_seconds,
                       coalesce(sum(durations), 0) as durations,
                       sum(wait_us) / 1000000.0 as wait_seconds,
                       coalesce(sum(waits), 0) as waits
                from keyed
                group by grouping sets ((status), (type), (specialty), ())
                union all
                select 'bucket', cast(bucket as text), sum(total), sum(completed), null, 0, null, 0
                from bucketed
                group by bucket)
            -- The 'all' row always exists, so an empty window still reads the version.
            select f.*, %4$s as version
            from figures f
            """.formatted(RollupSql.plan("cur"), RollupBlocks.plan("cur"), RollupBlocks.rows("cur",
            "rollup_consultations", "r.status, r.type, r.specialty, r.consultations, r.duration_us, r.durations,"
                    + " r.wait_us, r.waits", "true"), DataVersionRepository.CURRENT_SQL, MetricSql.BUCKET_STARTS);

    /**
     * The exact median duration of the current window, and the previous window's counts. The
     * median takes the durations' whole-minute histogram to find the minute holding the middle
     * rank(s), then the exact durations of that minute only: exact, without reading a year of
     * durations. Built days are read through aligned blocks ({@link RollupBlocks}), the previous
     * window's counts from one row a day ({@code rollup_days}).
     */
    static final String MEDIAN_AND_PREVIOUS = """
            with %1$s, %2$s, %3$s,
            minutes as (
                %4$s
                union all
                select cast(x.duration_us / 60000000 as integer), 1 from (%5$s) x),
            cumulative as (
                select minute, n, sum(n) over (order by minute) as upto, sum(n) over () as total
                from (select minute, cast(sum(n) as bigint) as n from minutes group by minute) m),
            targets as (
                -- The 1-based rank(s) of the middle: one for an odd count, two for an even one.
                select k.k, c.minute, k.k - (c.upto - c.n) as rank_in_minute
                from (select distinct unnest(array[(t.total + 1) / 2, t.total / 2 + 1]) as k
                      from (select cast(total as bigint) as total from cumulative limit 1) t) k
                join cumulative c on c.upto >= k.k and c.upto - c.n < k.k),
            minute_values as (
                -- The durations of each target minute, read once even when both ranks fall in it.
                select m.minute, v.duration_us, v.n
                from (select distinct t.minute from targets t) m
                cross join lateral (
                    select u.duration_us, sum(u.n) as n
                    from (%6$s
                          union all
                          select x.duration_us, 1 from (%5$s) x
                          where cast(x.duration_us / 60000000 as integer) = m.minute) u
                    group by u.duration_us) v),
            exact as (
                select t.k, t.rank_in_minute, v.duration_us,
                       sum(v.n) over (partition by t.k order by v.duration_us) as upto
                from targets t join minute_values v on v.minute = t.minute),
            middle as (select k, min(duration_us) as duration_us from exact where upto >= rank_in_minute group by k),
            previous as (
                select r.consultations as total, r.completed, r.failed
                from rollup_days r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select 1, case when x.status = 'completed' then 1 else 0 end,
                       case when x.status in ('cancelled', 'no_show') then 1 else 0 end
                from consultations x join prev_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t)
            select (select avg(duration_us) / 1000000.0 from middle) as median_seconds,
                   coalesce(sum(total), 0) as total,
                   coalesce(sum(completed), 0) as completed,
                   coalesce(sum(failed), 0) as failed
            from previous
            """.formatted(RollupSql.plan("cur"), RollupSql.plan("prev"), RollupBlocks.plan("cur"),
            RollupBlocks.rows("cur", "rollup_duration_minutes", "r.minute, r.completed as n", "true"),
            RAW_DURATIONS.formatted("cur"),
            RollupBlocks.rows("cur", "rollup_durations", "r.duration_us, r.completed as n", "r.minute = m.minute"));

    private final EntityManager entityManager;
    private final Rollups rollups;

    ConsultationMetricsRepository(EntityManager entityManager, Rollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /** One grouping of the current window; {@code dimension} is status, type, specialty, bucket or all. */
    @RegisterForReflection
    public record Aggregate(String dimension, String member, long total, long completed, BigDecimal durationSeconds,
            long durations, BigDecimal waitSeconds, long waits) {
    }

    /** The previous window's counts and the current window's median duration (null without durations). */
    @RegisterForReflection
    public record MedianAndPrevious(BigDecimal medianSeconds, long previousTotal, long previousCompleted,
            long previousFailed) {
    }

    /** The current window's aggregates and the data version read with them. */
    public Versioned<List<Aggregate>> current(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(CURRENT, Tuple.class)
                .setParameter("buckets", period.bucketStartsLiteral());
        RollupSql.bind(query, "cur", period.current(), period.zone(), rollups.cover(period));
        List<Tuple> rows = MetricSql.tuples(query);
        List<Aggregate> aggregates = rows.stream().map(row -> new Aggregate(
                MetricSql.text(row, "dimension"), MetricSql.text(row, "member"), MetricSql.count(row, "total"),
                MetricSql.count(row, "completed"), MetricSql.decimal(row, "duration_seconds"),
                MetricSql.count(row, "durations"), MetricSql.decimal(row, "wait_seconds"),
                MetricSql.count(row, "waits"))).toList();
        return new Versioned<>(aggregates, MetricSql.count(rows.get(0), "version"));
    }

    public MedianAndPrevious medianAndPrevious(ResolvedPeriod period) {
        Query query = entityManager.createNativeQuery(MEDIAN_AND_PREVIOUS, Tuple.class);
        boolean covered = rollups.cover(period.zone());
        RollupSql.bind(query, "cur", period.current(), period.zone(), covered);
        RollupSql.bind(query, "prev", period.previous().orElseThrow(), period.zone(), covered);
        Tuple row = (Tuple) query.getSingleResult();
        return new MedianAndPrevious(MetricSql.decimal(row, "median_seconds"), MetricSql.count(row, "total"),
                MetricSql.count(row, "completed"), MetricSql.count(row, "failed"));
    }
}
