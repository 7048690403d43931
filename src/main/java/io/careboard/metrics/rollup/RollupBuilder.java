package io.careboard.metrics.rollup;

import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.Span;
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

    /** Per doctor and day, what {@link #doctorEvents} brings: a row only for a doctor with some event on the day. */
    private static final String DOCTORS = """
            insert into rollup_doctors (zone, day, doctor_id, consultations, completed, failed, duration_us, durations,
                                        rating_sum, ratings, gross, refunds, payment_events)
            select :zone, x.day, x.doctor_id, sum(x.consultations), sum(x.completed), sum(x.failed), sum(x.duration_us),
                   sum(x.durations), sum(x.rating_sum), sum(x.ratings), sum(x.gross), sum(x.refunds),
                   sum(x.payment_events)
            from (%s) x
            group by x.day, x.doctor_id""".formatted(doctorEvents(RollupDays.SPAN));

    private static final String PAYMENTS = """
            insert into rollup_payments (zone, day, type, specialty, method, gross, refunds, gross_payments)
            select :zone, e.day, e.type, e.specialty, e.method, sum(e.gross), sum(e.refund),
                   count(*) filter (where e.is_gross)
            from (%s) e
            group by e.day, e.type, e.specialty, e.method""".formatted(paymentEvents(RollupDays.SPAN));

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

    /**
     * What the rows of {@code rollup_doctors} sum, as raw rows of a span: one per consultation (by
     * scheduled_at, any status), rating (by created_at, to the doctor of its consultation) and
     * payment event ({@link PaymentEvents}). Columns: the span's carried ones, {@code doctor_id},
     * {@code consultations}, {@code completed}, {@code failed} (cancelled or no-show),
     * {@code duration_us} and {@code durations} (completed ones with both times, in microseconds),
     * {@code rating_sum}, {@code ratings}, {@code gross}, {@code refunds} and {@code payment_events}
     * (a doctor with a payment event is listed by revenue even when its money is 0.00).
     */
    public static String doctorEvents(Span span) {
        return """
                select %1$sc.doctor_id, 1 as consultations,
                       case when c.status = 'completed' then 1 else 0 end as completed,
                       case when c.status in ('cancelled', 'no_show') then 1 else 0 end as failed,
                       case when c.status = 'completed' then coalesce(interval_us(c.ended_at - c.started_at), 0)
                            else 0 end as duration_us,
                       case when c.status = 'completed' and c.ended_at - c.started_at is not null then 1 else 0 end
                           as durations,
                       0 as rating_sum, 0 as ratings, cast(0 as numeric) as gross, cast(0 as numeric) as refunds,
                       0 as payment_events
                from %2$sconsultations c
                where %3$s
                union all
                select %1$sr.doctor_id, 0, 0, 0, 0, 0, r.score, 1, 0, 0, 0
                from %2$sratings r
                where %4$s
                union all
                select %5$se.doctor_id, 0, 0, 0, 0, 0, 0, 0, e.gross, e.refund, 1
                from (%6$s) e""".formatted(span.carried(), span.from(), span.contains("c.scheduled_at"),
                span.contains("r.created_at"), span.carriedFrom("e"), PaymentEvents.of(span));
    }

    /**
     * The payment events of a span ({@link PaymentEvents}, its columns) with the keys
     * {@code rollup_payments} sums them by: the consultation's {@code type} and the doctor's
     * {@code specialty} (as stored now: a new specialty marks the doctor's days changed).
     */
    public static String paymentEvents(Span span) {
        return """
                select e.*, c.type, doc.specialty
                from (%s) e
                join consultations c on c.id = e.consultation_id
                join doctors doc on doc.id = e.doctor_id""".formatted(PaymentEvents.of(span));
    }

    private jakarta.persistence.Query bindDays(String sql, RollupDays days) {
        return days.bind(entityManager.createNativeQuery(sql));
    }
}
