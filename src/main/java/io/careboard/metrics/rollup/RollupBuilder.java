package io.careboard.metrics.rollup;

import io.careboard.metrics.calc.AgeGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the rollup rows of given local days from the raw tables, replacing what was there. Each
 * statement reads the days through {@link RollupDays#DAYS}. Called inside the maintenance
 * transaction, which decides which days need it.
 */
@ApplicationScoped
public class RollupBuilder {

    /** Every rollup table keyed by (zone, day), in build order. */
    static final List<String> DAILY_TABLES = List.of("rollup_consultations", "rollup_duration_minutes",
            "rollup_durations", "rollup_doctors", "rollup_payments", "rollup_diagnoses", "rollup_vitals");

    /** The consultations of the days, each with its day. */
    private static final String CONSULTATIONS_OF_DAYS = """
            %s join consultations c on c.scheduled_at >= d.day_from and c.scheduled_at < d.day_to""".formatted(
            RollupDays.DAYS);

    private static final String CONSULTATIONS = """
            insert into rollup_consultations (zone, day, specialty, type, status, consultations, duration_us, durations,
                                              wait_us, waits)
            select :zone, d.day, doc.specialty, c.type, c.status, count(*),
                   coalesce(sum(interval_us(c.ended_at - c.started_at)) filter (where c.status = 'completed'), 0),
                   count(c.ended_at - c.started_at) filter (where c.status = 'completed'),
                   coalesce(sum(interval_us(c.started_at - c.scheduled_at)), 0),
                   count(c.started_at)
            from %s
            join doctors doc on doc.id = c.doctor_id
            group by d.day, doc.specialty, c.type, c.status""".formatted(CONSULTATIONS_OF_DAYS);

    /** Durations of completed consultations with both times. */
    private static final String DURATIONS_OF_DAYS = """
            select d.day, interval_us(c.ended_at - c.started_at) as duration_us
            from %s
            where c.status = 'completed' and c.started_at is not null and c.ended_at is not null""".formatted(
            CONSULTATIONS_OF_DAYS);

    private static final String DURATION_MINUTES = """
            insert into rollup_duration_minutes (zone, day, minute, completed)
            select :zone, x.day, cast(x.duration_us / 60000000 as integer), count(*)
            from (%s) x
            group by x.day, cast(x.duration_us / 60000000 as integer)""".formatted(DURATIONS_OF_DAYS);

    private static final String DURATIONS = """
            insert into rollup_durations (zone, minute, day, duration_us, completed)
            select :zone, cast(x.duration_us / 60000000 as integer), x.day, x.duration_us, count(*)
            from (%s) x
            group by x.day, x.duration_us""".formatted(DURATIONS_OF_DAYS);

    /**
     * Per doctor and day: consultations by scheduled_at, ratings by created_at (the doctor of the
     * rating's consultation), gross by paid_at and refunds by refunded_at (contract §3, Revenue).
     */
    private static final String DOCTORS = """
            insert into rollup_doctors (zone, day, doctor_id, consultations, completed, failed, duration_us, durations,
                                        rating_sum, ratings, gross, refunds)
            select :zone, x.day, x.doctor_id, sum(x.consultations), sum(x.completed), sum(x.failed), sum(x.duration_us),
                   sum(x.durations), sum(x.rating_sum), sum(x.ratings), sum(x.gross), sum(x.refunds)
            from (
                select d.day, c.doctor_id, 1 as consultations,
                       case when c.status = 'completed' then 1 else 0 end as completed,
                       case when c.status in ('cancelled', 'no_show') then 1 else 0 end as failed,
                       case when c.status = 'completed' then coalesce(interval_us(c.ended_at - c.started_at), 0)
                            else 0 end as duration_us,
                       case when c.status = 'completed' and c.ended_at - c.started_at is not null then 1 else 0 end
                           as durations,
                       0 as rating_sum, 0 as ratings, cast(0 as numeric) as gross, cast(0 as numeric) as refunds
                from %s
                union all
                select d.day, r.doctor_id, 0, 0, 0, 0, 0, r.score, 1, 0, 0
                from %s join ratings r on r.created_at >= d.day_from and r.created_at < d.day_to
                union all
                select e.day, e.doctor_id, 0, 0, 0, 0, 0, 0, 0, e.gross, e.refund
                from (%s) e) x
            group by x.day, x.doctor_id""".formatted(CONSULTATIONS_OF_DAYS, RollupDays.DAYS, paymentEventsOfDays());

    private static final String PAYMENTS = """
            insert into rollup_payments (zone, day, type, specialty, method, gross, refunds, gross_payments)
            select :zone, e.day, c.type, doc.specialty, e.method, sum(e.gross), sum(e.refund),
                   count(*) filter (where e.is_gross)
            from (%s) e
            join consultations c on c.id = e.consultation_id
            join doctors doc on doc.id = e.doctor_id
            group by e.day, c.type, doc.specialty, e.method""".formatted(paymentEventsOfDays());

    private static final String DIAGNOSES = """
            insert into rollup_diagnoses (zone, day, code, completed)
            select :zone, d.day, c.diagnosis_code, count(*)
            from %s
            where c.status = 'completed' and c.diagnosis_code is not null
            group by d.day, c.diagnosis_code""".formatted(CONSULTATIONS_OF_DAYS);

    private static final String VITALS = """
            insert into rollup_vitals (zone, day, code, readings, value_sum, patients)
            select :zone, d.day, o.code, count(*), sum(o.value), count(distinct o.patient_id)
            from %s join health_observations o on o.observed_at >= d.day_from and o.observed_at < d.day_to
            group by d.day, o.code""".formatted(RollupDays.DAYS);

    /**
     * Moves each patient seen on the days to its latest day, overall ({@code *}, with its sex)
     * and per age group on the day of the consultation.
     */
    private static final String LAST_SEEN = """
            insert into rollup_patient_last_seen (zone, patient_id, age_group, sex, last_day)
            select :zone, c.patient_id, g.age_group, p.sex, max(d.day)
            from %s
            join patients p on p.id = c.patient_id
            cross join lateral (values ('*'), (%s)) as g(age_group)
            group by c.patient_id, g.age_group, p.sex
            on conflict (zone, patient_id, age_group) do update
                set last_day = greatest(rollup_patient_last_seen.last_day, excluded.last_day), sex = excluded.sex"""
            .formatted(CONSULTATIONS_OF_DAYS, AgeGroup.sqlCase("d.day", "p.birth_date"));

    /**
     * Recomputes the last-seen rows of given patients from all their consultations on built days
     * ({@code :built_days}: the built days' starts, for their local dates).
     */
    private static final String LAST_SEEN_OF_PATIENTS = """
            insert into rollup_patient_last_seen (zone, patient_id, age_group, sex, last_day)
            select :zone, c.patient_id, g.age_group, p.sex, max(c.day)
            from (select c.patient_id,
                         cast(:first_built_day as date) + width_bucket(c.scheduled_at, cast(:built_days as timestamptz[]))
                             - 1 as day
                  from consultations c
                  where c.patient_id = any(cast(:patients as varchar[]))
                    and c.scheduled_at >= :built_from and c.scheduled_at < :built_until_at) c
            join patients p on p.id = c.patient_id
            cross join lateral (values ('*'), (%s)) as g(age_group)
            group by c.patient_id, g.age_group, p.sex""".formatted(AgeGroup.sqlCase("c.day", "p.birth_date"));

    /** Every table holding rollup rows of a zone, the build state included. */
    static final List<String> ALL_TABLES = java.util.stream.Stream.concat(DAILY_TABLES.stream(),
            java.util.stream.Stream.of("rollup_patient_last_seen", "rollup_state")).toList();

    private static final List<String> INSERTS = List.of(CONSULTATIONS, DURATION_MINUTES, DURATIONS, DOCTORS, PAYMENTS,
            DIAGNOSES, VITALS);

    private final EntityManager entityManager;

    RollupBuilder(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Replaces the rollup rows of the days with rows built from the raw tables now. */
    public void build(RollupDays days) {
        for (String table : DAILY_TABLES) {
            days.bind(entityManager.createNativeQuery("delete from " + table
                    + " where zone = :zone and day = any(cast(:days as date[]))")).executeUpdate();
        }
        for (String insert : INSERTS) {
            bindDays(insert, days).executeUpdate();
        }
        bindDays(LAST_SEEN, days).executeUpdate();
    }

    /**
     * Recomputes the last-seen rows of patients whose consultations or attributes changed on built
     * days: {@code builtDays} are the zone's built days, oldest first, with the day after the last.
     */
    public void recomputeLastSeen(RollupDays builtDays, Instant builtUntil, List<String> patients) {
        if (patients.isEmpty() || builtDays.days().isEmpty()) {
            return;
        }
        String patientArray = patients.stream().map(id -> '"' + id + '"').collect(Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery("delete from rollup_patient_last_seen where zone = :zone"
                + " and patient_id = any(cast(:patients as varchar[]))")
                .setParameter("zone", builtDays.zone().getId()).setParameter("patients", patientArray).executeUpdate();
        LocalDate first = builtDays.days().get(0);
        String starts = builtDays.days().stream().map(day -> builtDays.start(day).toString())
                .collect(Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery(LAST_SEEN_OF_PATIENTS)
                .setParameter("zone", builtDays.zone().getId())
                .setParameter("patients", patientArray)
                .setParameter("first_built_day", first)
                .setParameter("built_days", starts)
                .setParameter("built_from", builtDays.start(first))
                .setParameter("built_until_at", builtUntil)
                .executeUpdate();
    }

    private jakarta.persistence.Query bindDays(String sql, RollupDays days) {
        return days.bind(entityManager.createNativeQuery(sql));
    }

    /** Gross and refund events of the days (contract §3, Revenue), each with its day. */
    private static String paymentEventsOfDays() {
        return """
                select d.day, p.consultation_id, p.doctor_id, p.method, true as is_gross, p.amount as gross,
                       cast(0 as numeric) as refund
                from %1$s join payments p on p.paid_at >= d.day_from and p.paid_at < d.day_to
                where p.status in ('paid', 'refunded')
                union all
                select d.day, p.consultation_id, p.doctor_id, p.method, false, cast(0 as numeric),
                       coalesce(p.refunded_amount, p.amount)
                from %1$s join payments p on p.refunded_at >= d.day_from and p.refunded_at < d.day_to
                where p.status in ('paid', 'refunded')""".formatted(RollupDays.DAYS);
    }
}
