package io.careboard.metrics.health;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.MetricsConfig;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The health-trend family's SQL: two statements per computation, the patients (with the data
 * version) and the vitals. Built past days come from the daily rollups, the rest of each window
 * from raw rows ({@link RollupSql}); distinct patients from the last-seen rollups
 * ({@link SeenPatients}). Counts come back unsuppressed; the service hides the small ones.
 */
@ApplicationScoped
public class HealthTrendsRepository {

    /** Completed consultations with a diagnosis of code {@code t.code} in window {@code %s}: their distinct patients. */
    private static final String DIAGNOSIS_PATIENTS = """
            select count(distinct x.patient_id) from consultations x
            where x.status = 'completed' and x.diagnosis_code is not null and x.diagnosis_code = t.code
              and x.scheduled_at >= :%1$s_from and x.scheduled_at < :%1$s_to""";

    /**
     * Distinct patients per age group and per sex over the window's consultations, and the top
     * diagnoses of completed consultations in the window with their previous-window counts. Each
     * diagnosis count comes with the distinct patients behind it (up to k), which suppression
     * needs: the rollups give each day's, and so bounds for the window; the raw rows of a code
     * decide where the bounds do not.
     */
    static final String PATIENTS = """
            with %1$s, %2$s, %3$s,
            diagnosis_parts as (
                -- Completed consultations with a diagnosis per code in both windows, in parts: each built
                -- day from the rollups, the rest of each window raw.
                select r.code, true as in_current, r.completed as diagnoses, r.patients
                from rollup_diagnoses r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select r.code, false, r.completed, r.patients
                from rollup_diagnoses r join prev_clean c on r.day = c.day
                where r.zone = :rollup_zone
                union all
                select x.diagnosis_code, true, count(*), count(distinct x.patient_id)
                from consultations x join cur_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                where x.status = 'completed' and x.diagnosis_code is not null
                group by x.diagnosis_code
                union all
                select x.diagnosis_code, false, count(*), count(distinct x.patient_id)
                from consultations x join prev_raw w on x.scheduled_at >= w.f and x.scheduled_at < w.t
                where x.status = 'completed' and x.diagnosis_code is not null
                group by x.diagnosis_code),
            diagnosis_counts as (
                -- A window's distinct patients lie between its largest part's and the sum of its parts'.
                select d.code,
                       sum(d.diagnoses) filter (where d.in_current) as diagnoses,
                       max(d.patients) filter (where d.in_current) as patients_at_least,
                       sum(d.patients) filter (where d.in_current) as patients_at_most,
                       coalesce(sum(d.diagnoses) filter (where not d.in_current), 0) as previous_diagnoses,
                       max(d.patients) filter (where not d.in_current) as previous_at_least,
                       sum(d.patients) filter (where not d.in_current) as previous_at_most
                from diagnosis_parts d
                group by d.code
                having sum(d.diagnoses) filter (where d.in_current) > 0),
            top_diagnoses as (
                -- Only codes seen in the window; ties by code in code-point order, as Java compares.
                select row_number() over (order by d.diagnoses desc, d.code collate "C") as top_rank, d.*
                from diagnosis_counts d
                order by top_rank
                limit :top)
            -- The left join on true keeps one row, and with it the data version, for an empty window.
            select r.dimension, r.member, r.top_rank, r.count, r.patients, r.previous_count, r.previous_patients,
                   %4$s as version
            from (select 1) as always
            left join (
                -- A patient seen on both sides of a birthday that crosses a group edge is in both groups.
                select 'age_group' as dimension, p.age_group as member, cast(null as bigint) as top_rank,
                       sum(p.patients) as count, sum(p.patients) as patients,
                       cast(0 as bigint) as previous_count, cast(0 as bigint) as previous_patients
                from cur_patients p where p.age_group <> '*'
                group by p.age_group
                union all
                select 'sex', p.sex, null, sum(p.patients), sum(p.patients), 0, 0
                from cur_patients p where p.age_group = '*'
                group by p.sex
                union all
                select 'diagnosis', t.code, t.top_rank, t.diagnoses, %5$s, t.previous_diagnoses, %6$s
                from top_diagnoses t) r on true
            order by r.dimension, r.top_rank
            """.formatted(RollupSql.plan("cur"), RollupSql.plan("prev"), SeenPatients.plan("cur"),
            DataVersionRepository.CURRENT_SQL,
            RollupSql.patientsUpToK("t.patients_at_least", "t.patients_at_most", DIAGNOSIS_PATIENTS.formatted("cur")),
            RollupSql.patientsUpToK("t.previous_at_least", "t.previous_at_most", DIAGNOSIS_PATIENTS.formatted("prev")));

    /**
     * Readings of the vitals per series bucket: how many, of how many distinct patients (up to k;
     * both decide suppression), and their exact sum for the mean. A built day's readings come from
     * the rollups with that day's distinct patients, exact for a day bucket and bounds for a month
     * (decided raw, for that cell only, when they leave it open). Values are averaged as stored: a
     * LOINC code fixes the property measured, so the platform sends each code in one unit.
     */
    static final String VITALS = """
            with %1$s, %3$s,
            vital_parts as (
                select r.code, width_bucket(c.day_from, (select b.starts from bucket_starts b)) as bucket,
                       r.readings, r.value_sum as total, r.patients
                from rollup_vitals r join cur_clean c on r.day = c.day
                where r.zone = :rollup_zone and r.code in (:codes)
                union all
                select o.code, width_bucket(o.observed_at, (select b.starts from bucket_starts b)),
                       count(*), sum(o.value), count(distinct o.patient_id)
                from health_observations o join cur_raw w on o.observed_at >= w.f and o.observed_at < w.t
                where o.code in (:codes)
                group by o.code, 2),
            cells as (
                select v.code, v.bucket, sum(v.readings) as readings, sum(v.total) as total,
                       max(v.patients) as patients_at_least, sum(v.patients) as patients_at_most
                from vital_parts v
                group by v.code, v.bucket)
            select c.code, c.bucket, c.readings, c.total, %2$s as patients
            from cells c
            """.formatted(RollupSql.plan("cur"), RollupSql.patientsUpToK("c.patients_at_least", "c.patients_at_most", """
            select count(distinct o.patient_id) from health_observations o
            where o.code = c.code
              and o.observed_at >= greatest((select b.starts[c.bucket] from bucket_starts b), :cur_from)
              and o.observed_at < least(coalesce((select b.starts[c.bucket + 1] from bucket_starts b), :cur_to),
                                        :cur_to)"""), MetricSql.BUCKET_STARTS);

    private final EntityManager entityManager;
    private final Rollups rollups;
    private final MetricsConfig config;

    HealthTrendsRepository(EntityManager entityManager, Rollups rollups, MetricsConfig config) {
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.config = config;
    }

    /** Distinct patients of one age group ({@code dimension} age_group) or sex ({@code sex}). */
    @RegisterForReflection
    public record PatientGroup(String dimension, String member, long patients) {
    }

    /**
     * A diagnosis code's completed consultations in both windows, and the distinct patients behind
     * each count up to k (a number of k or more is k: suppression needs no more).
     */
    @RegisterForReflection
    public record DiagnosisCounts(String code, long count, long patients, long previousCount,
            long previousPatients) {
    }

    /** The window's patient groups and top diagnoses (in rank order). */
    @RegisterForReflection
    public record Patients(List<PatientGroup> groups, List<DiagnosisCounts> topDiagnoses) {
    }

    /**
     * The readings of one code in one bucket (1-based, as {@code width_bucket} numbers them), and
     * their distinct patients up to k.
     */
    @RegisterForReflection
    public record VitalCell(String code, int bucket, long readings, long patients, BigDecimal sum) {
    }

    /** The patient groups and the {@code top} diagnoses, with the data version read with them. */
    public Versioned<Patients> patients(ResolvedPeriod period, int top) {
        Query query = entityManager.createNativeQuery(PATIENTS, Tuple.class).setParameter("top", top)
                .setParameter("k", config.suppressionK());
        boolean covered = rollups.cover(period.zone());
        RollupSql.bind(query, "cur", period.current(), period.zone(), covered);
        RollupSql.bind(query, "prev", period.previous().orElseThrow(), period.zone(), covered);
        List<Tuple> rows = MetricSql.tuples(query);
        List<PatientGroup> groups = new ArrayList<>();
        List<DiagnosisCounts> diagnoses = new ArrayList<>();
        for (Tuple row : rows) {
            String dimension = MetricSql.text(row, "dimension");
            String member = MetricSql.text(row, "member");
            if ("diagnosis".equals(dimension)) {
                diagnoses.add(new DiagnosisCounts(member, MetricSql.count(row, "count"),
                        MetricSql.count(row, "patients"), MetricSql.count(row, "previous_count"),
                        MetricSql.count(row, "previous_patients")));
            } else if (dimension != null) {
                groups.add(new PatientGroup(dimension, member, MetricSql.count(row, "patients")));
            }
        }
        return new Versioned<>(new Patients(groups, diagnoses), MetricSql.count(rows.get(0), "version"));
    }

    /** The cells of {@code codes} over the period's buckets; empty cells are absent. */
    public List<VitalCell> vitals(ResolvedPeriod period, List<String> codes) {
        Query query = entityManager.createNativeQuery(VITALS, Tuple.class)
                .setParameter("buckets", period.bucketStartsLiteral()).setParameter("codes", codes)
                .setParameter("k", config.suppressionK());
        RollupSql.bind(query, "cur", period.current(), period.zone(), rollups.cover(period));
        return MetricSql.tuples(query).stream()
                .map(row -> new VitalCell(MetricSql.text(row, "code"), (int) MetricSql.count(row, "bucket"),
                        MetricSql.count(row, "readings"), MetricSql.count(row, "patients"),
                        MetricSql.decimal(row, "total")))
                .toList();
    }
}
