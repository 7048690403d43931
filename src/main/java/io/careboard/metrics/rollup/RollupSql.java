package io.careboard.metrics.rollup;

import io.careboard.metrics.period.Window;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a metric query splits a window between the rollups and the raw tables, in SQL and inside
 * the query's own statement (so it costs no statement and sees one snapshot). For a window named
 * {@code w}, {@link #plan} defines three relations:
 * <ul>
 * <li>{@code w_days(day, day_from, day_to)}: every local day the window touches;</li>
 * <li>{@code w_clean(day, day_from, day_to)}: the days to read from the rollups: wholly inside the
 *     window, built, and not changed since;</li>
 * <li>{@code w_raw(f, t)}: the instant ranges to read from raw rows: everything else (today, the
 *     partial last day of a previous window, changed days, zones without rollups).</li>
 * </ul>
 * Day boundaries come from Java's zone rules ({@link #bind}), like every bucket of the API.
 * <p>
 * An array bound as text ({@code cast(:x as timestamptz[])}) is parsed wherever the cast is
 * evaluated: timestamptz input depends on the session's zone, so PostgreSQL does not fold the cast
 * of a bound parameter (it does fold a literal's, so psql with the values pasted in shows nothing).
 * Each array is therefore cast once, in a one-row CTE ({@code w_starts}, {@link #array}), and read
 * through a scalar subquery: a 365-day window otherwise parses its 366 day starts for every row.
 */
public final class RollupSql {

    private RollupSql() {
    }

    /** The CTEs of the plan for window {@code w} (to follow {@code with} or a comma). */
    public static String plan(String w) {
        return """
                %2$s,
                %1$s_days as (
                    select d.day, d.day_from, d.day_to
                    from (select cast(:%1$s_first_day as date) + cast(s.i - 1 as integer) as day, s.day_from,
                                 lead(s.day_from) over (order by s.i) as day_to
                          from unnest((select st.starts from %1$s_starts st)) with ordinality as s(day_from, i)) d
                    where d.day_to is not null),
                %1$s_clean as (
                    select d.day, d.day_from, d.day_to from %1$s_days d
                    where d.day_from >= :%1$s_from and d.day_to <= :%1$s_to
                      and d.day < (select st.clean_until from rollup_state st where st.zone = :rollup_zone)
                      and not exists (select 1 from rollup_dirty_hours h
                                      where h.hour > d.day_from - interval '1 hour' and h.hour < d.day_to)),
                %1$s_raw as (
                    select greatest(d.day_from, :%1$s_from) as f, least(d.day_to, :%1$s_to) as t from %1$s_days d
                    where d.day_from < :%1$s_to and d.day_to > :%1$s_from
                      and not exists (select 1 from %1$s_clean c where c.day = d.day))""".formatted(w,
                array(w + "_starts", w + "_day_starts"));
    }

    /**
     * The local date, as a SQL {@code date}, of {@code column}, an instant inside window {@code w}:
     * found among the window's day starts bound by {@link #bind}, by Java's zone rules.
     * {@code column} is pasted in: pass a trusted column name only.
     */
    public static String localDate(String w, String column) {
        return "(cast(:%1$s_first_day as date) + width_bucket(%2$s, (select st.starts from %1$s_starts st)) - 1)"
                .formatted(w, column);
    }

    /**
     * A one-row CTE {@code name(starts)} holding the array bound as {@code :param}, cast once (see
     * the class comment); read it as {@code (select x.starts from name x)}.
     */
    public static String array(String name, String param) {
        return "%s as (select cast(:%s as timestamptz[]) as starts)".formatted(name, param);
    }

    /**
     * Distinct patients behind a cell, counted up to {@code :k} (all small-cell suppression needs),
     * from the daily rollups' bounds where they suffice: the cell's patients lie between
     * {@code atLeast} (its largest part's, a day or the raw rest) and {@code atMost} (the sum of
     * its parts'), both equal when it has one part. {@code exact} is a scalar subquery counting
     * them raw, run only when the bounds leave the cell's side of k open. Arguments are pasted in.
     */
    public static String patientsUpToK(String atLeast, String atMost, String exact) {
        return """
                case when coalesce(%1$s, 0) >= :k or coalesce(%1$s, 0) = coalesce(%2$s, 0)
                     then least(coalesce(%1$s, 0), :k)
                     else least((%3$s), :k) end""".formatted(atLeast, atMost, exact);
    }

    /**
     * Binds window {@code w}: its bounds, the local days it touches with their starts, and the
     * rollup zone ({@code :rollup_zone}, an id that has no rollups when they are off).
     */
    public static Query bind(Query query, String w, Window window, ZoneId zone, boolean rollupsOn) {
        LocalDate first = LocalDate.ofInstant(window.from(), zone);
        Instant end = window.endExclusive();
        List<Instant> starts = new ArrayList<>();
        LocalDate day = first;
        starts.add(day.atStartOfDay(zone).toInstant());
        while (starts.get(starts.size() - 1).isBefore(end)) {
            day = day.plusDays(1);
            starts.add(day.atStartOfDay(zone).toInstant());
        }
        return query.setParameter(w + "_first_day", first)
                .setParameter(w + "_day_starts", starts.stream().map(Instant::toString)
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter(w + "_from", window.from())
                .setParameter(w + "_to", end)
                .setParameter("rollup_zone", rollupsOn ? zone.getId() : "");
    }
}
