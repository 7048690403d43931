package io.careboard.metrics.rollup;

import io.careboard.metrics.PaymentEvents;
import io.careboard.metrics.Span;
import io.careboard.metrics.calc.AgeGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the rollup rows of given local days from the raw tables, replacing what was there. Each
 * statement reads the days through {@link RollupDays#DAYS}. Called inside the maintenance
 * transaction, which decides which days need it.
 */
@ApplicationScoped
public class RollupBuilder {

    /** Every rollup table keyed by (zone, day), in build order. */
    static final List<String> DAILY_TABLES = List.of("rollup_consultations", "rollup_duration_minutes",
            "rollup_durations", "rollup_doctors", "rollup_payments", "rollup_days", "rollup_diagnoses",
            "rollup_vitals");

    /** A rollup with blocks ({@link RollupBlocks}): its key columns and its summed columns. */
    private record Blocked(String rollup, List<String> keys, List<String> sums) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            new Blocked("rollup_consultations", List.of("specialty", "type", "status"),
                    List.of("consultations", "duration_us", "durations", "wait_us", "waits")),
            new Blocked("rollup_doctors", List.of("doctor_id"), List.of("consultations", "completed", "failed",
                    "duration_us", "durations", "rating_sum", "ratings", "gross", "refunds", "payment_events")),
            new Blocked("rollup_payments", List.of("type", "specialty", "method"),
                    List.of("gross", "refunds", "gross_payments")),
            new Blocked("rollup_duration_minutes", List.of("minute"), List.of("completed")),
            new Blocked("rollup_durations", List.of("minute", "duration_us"), List.of("completed")));

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

    /**
     * Per day, what needs no key, from the day's other rollup rows (so it always agrees with them):
     * consultations, completed and failed (cancelled or no-show) ones by scheduled_at, gross, refunds and gross events by the
     * payment events' instants, ratings by created_at.
     */
    private static final String DAY_TOTALS = """
            insert into rollup_days (zone, day, consultations, completed, failed, gross, refunds, gross_payments,
                                     ratings, rating_sum)
            select :zone, x.day, sum(x.consultations), sum(x.completed), sum(x.failed), sum(x.gross), sum(x.refunds),
                   sum(x.gross_payments), sum(x.ratings), sum(x.rating_sum)
            from (select r.day, r.consultations, case when r.status = 'completed' then r.consultations else 0 end
                             as completed, case when r.status in ('cancelled', 'no_show') then r.consultations else 0 end
                             as failed, 0 as gross, 0 as refunds, 0 as gross_payments, 0 as ratings, 0 as rating_sum
                  from rollup_consultations r
                  where r.zone = :zone and r.day = any(cast(:days as date[]))
                  union all
                  select r.day, 0, 0, 0, r.gross, r.refunds, r.gross_payments, 0, 0
                  from rollup_payments r
                  where r.zone = :zone and r.day = any(cast(:days as date[]))
                  union all
                  select r.day, 0, 0, 0, 0, 0, 0, r.ratings, r.rating_sum
                  from rollup_doctors r
                  where r.zone = :zone and r.day = any(cast(:days as date[])) and r.ratings > 0) x
            group by x.day""";

    private static final String DIAGNOSES = """
            insert into rollup_diagnoses (zone, day, code, completed, patients)
            select :zone, d.day, c.diagnosis_code, count(*), count(distinct c.patient_id)
            from %s
            where c.status = 'completed' and c.diagnosis_code is not null
            group by d.day, c.diagnosis_code""".formatted(CONSULTATIONS_OF_DAYS);

    private static final String VITALS = """
            insert into rollup_vitals (zone, day, code, readings, value_sum, patients)
            select :zone, d.day, o.code, count(*), sum(o.value), count(distinct o.patient_id)
            from %s join health_observations o on o.observed_at >= d.day_from and o.observed_at < d.day_to
            group by d.day, o.code""".formatted(RollupDays.DAYS);

    /**
     * Counts the last-seen rows a statement removed and added per last day, in that statement:
     * {@code %s} yields (last_day, age_group, sex, patients), patients −1 for a row removed and +1
     * for a row added. rollup_last_seen_days thus always equals the count of the rows.
     */
    private static final String COUNT_LAST_SEEN = """
            insert into rollup_last_seen_days (zone, last_day, age_group, sex, patients)
            select :zone, x.last_day, x.age_group, x.sex, sum(x.patients)
            from (%s) x
            group by x.last_day, x.age_group, x.sex
            having sum(x.patients) <> 0
            on conflict (zone, last_day, age_group, sex) do update
                set patients = rollup_last_seen_days.patients + excluded.patients""";

    /** Counts of days no row has as its last day any more. */
    private static final String DROP_EMPTY_LAST_SEEN_DAYS =
            "delete from rollup_last_seen_days where zone = :zone and patients = 0";

    /**
     * Moves each patient seen on the days to its latest day, overall ({@code *}, with its sex)
     * and per age group on the day of the consultation; the rows it replaces leave the counts.
     */
    private static final String LAST_SEEN = """
            with seen as (
                select c.patient_id, g.age_group, p.sex, max(d.day) as last_day
                from %s
                join patients p on p.id = c.patient_id
                cross join lateral (values ('*'), (%s)) as g(age_group)
                group by c.patient_id, g.age_group, p.sex),
            replaced as (
                select l.last_day, l.age_group, l.sex
                from rollup_patient_last_seen l
                join seen s on l.patient_id = s.patient_id and l.age_group = s.age_group
                where l.zone = :zone),
            moved as (
                insert into rollup_patient_last_seen (zone, patient_id, age_group, sex, last_day)
                select :zone, s.patient_id, s.age_group, s.sex, s.last_day from seen s
                on conflict (zone, patient_id, age_group) do update
                    set last_day = greatest(rollup_patient_last_seen.last_day, excluded.last_day), sex = excluded.sex
                returning last_day, age_group, sex)
            %s""".formatted(CONSULTATIONS_OF_DAYS, AgeGroup.sqlCase("d.day", "p.birth_date"), COUNT_LAST_SEEN.formatted("""
            select last_day, age_group, sex, -1 as patients from replaced
            union all
            select last_day, age_group, sex, 1 from moved"""));

    /** Removes the last-seen rows of given patients, and them from the counts. */
    private static final String REMOVE_LAST_SEEN_OF_PATIENTS = """
            with removed as (
                delete from rollup_patient_last_seen
                where zone = :zone and patient_id = any(cast(:patients as varchar[]))
                returning last_day, age_group, sex)
            %s""".formatted(COUNT_LAST_SEEN.formatted("select last_day, age_group, sex, -1 as patients from removed"));

    /**
     * Recomputes the last-seen rows of given patients (removed before) from all their
     * consultations on built days ({@code :built_days}: the built days' starts, for their local
     * dates), and counts them.
     */
    private static final String LAST_SEEN_OF_PATIENTS = """
            with %s,
            added as (
                insert into rollup_patient_last_seen (zone, patient_id, age_group, sex, last_day)
                select :zone, c.patient_id, g.age_group, p.sex, max(c.day)
                from (select c.patient_id,
                             cast(:first_built_day as date)
                                 + width_bucket(c.scheduled_at, (select b.starts from built b)) - 1 as day
                      from consultations c
                      where c.patient_id = any(cast(:patients as varchar[]))
                        and c.scheduled_at >= :built_from and c.scheduled_at < :built_until_at) c
                join patients p on p.id = c.patient_id
                cross join lateral (values ('*'), (%s)) as g(age_group)
                group by c.patient_id, g.age_group, p.sex
                returning last_day, age_group, sex)
            %s""".formatted(RollupSql.array("built", "built_days"), AgeGroup.sqlCase("c.day", "p.birth_date"),
            COUNT_LAST_SEEN.formatted("select last_day, age_group, sex, 1 as patients from added"));

    /** Every table holding rollup rows of a zone, the build state included. */
    static final List<String> ALL_TABLES = Stream.of(DAILY_TABLES.stream(),
            BLOCKED.stream().map(blocked -> blocked.rollup() + "_blocks"),
            Stream.of("rollup_patient_last_seen", "rollup_last_seen_days", "rollup_state")).flatMap(tables -> tables)
            .toList();

    private static final List<String> INSERTS = List.of(CONSULTATIONS, DURATION_MINUTES, DURATIONS, DOCTORS, PAYMENTS,
            DAY_TOTALS, DIAGNOSES, VITALS);

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
        buildBlocks(days);
        dropEmptyLastSeenDays(days.zone());
    }

    /**
     * Recomputes the blocks that hold the days, each length from the blocks half as long (from the
     * day rows for blocks of 2 days), so every block sums the day rows as they are now.
     */
    private void buildBlocks(RollupDays days) {
        for (int length : RollupBlocks.LENGTHS.subList(1, RollupBlocks.LENGTHS.size())) {
            String starts = days.days().stream().map(day -> RollupBlocks.start(day, length)).distinct()
                    .map(LocalDate::toString).collect(Collectors.joining(",", "{", "}"));
            for (Blocked blocked : BLOCKED) {
                String rollup = blocked.rollup();
                String keys = columns(blocked.keys(), "r.%s");
                // Blocks of 2 days from the day rows, longer ones from the two blocks half as long.
                String halves = length == 2 ? rollup + " r" : rollup + "_blocks r";
                String half = length == 2 ? "" : " and r.days = " + length / 2;
                entityManager.createNativeQuery("delete from " + rollup + "_blocks where zone = :zone and days = :days"
                        + " and day = any(cast(:starts as date[]))")
                        .setParameter("zone", days.zone().getId()).setParameter("days", length)
                        .setParameter("starts", starts).executeUpdate();
                entityManager.createNativeQuery("""
                        insert into %1$s_blocks (zone, days, day, %2$s, %3$s)
                        select :zone, :days, b.day, %4$s, %5$s
                        from unnest(cast(:starts as date[])) as b(day)
                        join %6$s on r.zone = :zone and r.day >= b.day and r.day < b.day + :days%7$s
                        group by b.day, %4$s""".formatted(rollup, columns(blocked.keys(), "%s"),
                        columns(blocked.sums(), "%s"), keys, columns(blocked.sums(), "sum(r.%s)"), halves, half))
                        .setParameter("zone", days.zone().getId()).setParameter("days", length)
                        .setParameter("starts", starts).executeUpdate();
            }
        }
    }

    /** The columns, each formatted by {@code format}, comma-separated. */
    private static String columns(List<String> columns, String format) {
        return columns.stream().map(format::formatted).collect(Collectors.joining(", "));
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
        entityManager.createNativeQuery(REMOVE_LAST_SEEN_OF_PATIENTS)
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
        dropEmptyLastSeenDays(builtDays.zone());
    }

    private void dropEmptyLastSeenDays(ZoneId zone) {
        entityManager.createNativeQuery(DROP_EMPTY_LAST_SEEN_DAYS).setParameter("zone", zone.getId()).executeUpdate();
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
        // The type is looked up per event: a join lets PostgreSQL hash every consultation when it
        // cannot tell how few events a span of raw ranges holds.
        return """
                select e.*, (select c.type from consultations c where c.id = e.consultation_id) as type, doc.specialty
                from (%s) e
                join doctors doc on doc.id = e.doctor_id""".formatted(PaymentEvents.of(span));
    }

    private jakarta.persistence.Query bindDays(String sql, RollupDays days) {
        return days.bind(entityManager.createNativeQuery(sql));
    }
}
