package io.careboard.metrics.rollup;

import io.careboard.metrics.calc.AgeGroup;

/**
 * Distinct patients with a consultation (any status) in a window, overall, per sex and per age
 * group on the local date of the consultation, in SQL inside the query's own statement, exactly.
 * <p>
 * Distinct counts do not add up over days, so they come from {@code rollup_patient_last_seen}: a
 * patient seen on a built day from the window's first day on is a row with {@code last_day} at or
 * after it, and those rows are counted per day in {@code rollup_last_seen_days}. This holds when
 * every built day from the window's first day on lies wholly inside the window — a window that
 * ends now — and for every patient not in {@code rollup_dirty_patients} (a dirty patient's rows
 * may be stale). The rest is read raw: consultations on days not built (today), those of dirty
 * patients, and the whole window when the condition fails (a window of the past, rollups off).
 * A patient counts once per group, whether seen in the rollups, raw, or both.
 */
public final class SeenPatients {

    private SeenPatients() {
    }

    /**
     * The CTEs (to follow a comma after {@link RollupSql#plan}{@code (w)}, bound by
     * {@link RollupSql#bind}) defining {@code w_patients(age_group, sex, patients)}: the distinct
     * patients per sex ({@code age_group = '*'}) and per age group and sex. Groups without patients
     * may be absent.
     */
    public static String plan(String w) {
        return """
                %1$s_seen_state as (
                    -- The zone's build state when its last-seen rows tell who was seen in the window: every
                    -- built day from the window's first day on lies wholly inside it. No row otherwise.
                    select st.clean_until from rollup_state st
                    where st.zone = :rollup_zone
                      and st.clean_until <= (select max(d.day) + 1 from %1$s_days d)
                      and not exists (select 1 from %1$s_days d
                                      where d.day < st.clean_until
                                        and (d.day_from < :%1$s_from or d.day_to > :%1$s_to))),
                %1$s_seen_raw as (
                    -- The parts of the window not covered by last-seen rows: days not built, or all of it.
                    select greatest(d.day_from, :%1$s_from) as f, least(d.day_to, :%1$s_to) as t from %1$s_days d
                    where d.day_from < :%1$s_to and d.day_to > :%1$s_from
                      and not exists (select 1 from %1$s_seen_state s where d.day < s.clean_until)),
                %1$s_visits as (
                    -- Patients and local dates read raw: each one costs two index probes below.
                    select distinct v.patient_id, %3$s as day
                    from (select c.patient_id, c.scheduled_at
                          from consultations c join %1$s_seen_raw r on c.scheduled_at >= r.f and c.scheduled_at < r.t
                          union all
                          select c.patient_id, c.scheduled_at
                          from %1$s_seen_state s
                          cross join rollup_dirty_patients dp
                          join consultations c on c.patient_id = dp.patient_id
                          where c.scheduled_at >= :%1$s_from and c.scheduled_at < :%1$s_to) v),
                %1$s_unseen as (
                    -- Patients and groups read raw that no clean last-seen row of the window counts. The
                    -- lateral lookups (limit 1: not flattened into a join) probe the primary keys; the
                    -- planner cannot know how few visits a day has and would hash every patient.
                    select distinct v.patient_id, g.age_group, p.sex
                    from %1$s_visits v
                    cross join lateral (
                        select p.sex, p.birth_date,
                               (select array_agg(l.age_group) from rollup_patient_last_seen l
                                where l.zone = :rollup_zone and l.patient_id = p.id
                                  and l.last_day >= cast(:%1$s_first_day as date)) as counted
                        from patients p where p.id = v.patient_id limit 1) p
                    cross join lateral (values ('*'), (%2$s)) as g(age_group)
                    where not coalesce(g.age_group = any(p.counted), false)
                       or not exists (select 1 from %1$s_seen_state)
                       or v.patient_id in (select dp.patient_id from rollup_dirty_patients dp)),
                %1$s_patients as (
                    select x.age_group, x.sex, sum(x.patients) as patients
                    from (select n.age_group, n.sex, n.patients
                          from %1$s_seen_state s
                          join rollup_last_seen_days n on n.zone = :rollup_zone
                                                      and n.last_day >= cast(:%1$s_first_day as date)
                          union all
                          -- Dirty patients' rows are counted above but may be stale: out, and in raw.
                          select l.age_group, l.sex, -1
                          from %1$s_seen_state s
                          cross join rollup_dirty_patients dp
                          join rollup_patient_last_seen l on l.zone = :rollup_zone and l.patient_id = dp.patient_id
                          where l.last_day >= cast(:%1$s_first_day as date)
                          union all
                          select u.age_group, u.sex, 1 from %1$s_unseen u) x
                    group by x.age_group, x.sex)""".formatted(w, AgeGroup.sqlCase("v.day", "p.birth_date"),
                RollupSql.localDate(w, "v.scheduled_at"));
    }
}
