package io.careboard.metrics.health;

import io.careboard.domain.DataVersionRepository;
import io.careboard.metrics.MetricService.Versioned;
import io.careboard.metrics.MetricSql;
import io.careboard.metrics.calc.AgeGroup;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The health-trend family's SQL: two statements per computation, the patients (with the data
 * version) and the vitals. Counts come back unsuppressed; the service hides the small ones.
 */
@ApplicationScoped
public class HealthTrendsRepository {

    /**
     * Distinct patients per age group and per sex over the window's consultations, and the top
     * diagnoses of completed consultations in the window with their previous-window counts. Each
     * count comes with the distinct patients behind it, which suppression needs too.
     */
    static final String PATIENTS = """
            with visits as (
                -- Every consultation in the window, whatever its status, with its patient's sex and
                -- age group on the local date it was scheduled for: a patient seen before and after a
                -- birthday that crosses a group edge is in both groups.
                select c.patient_id, p.sex, %s as age_group
                from consultations c
                join patients p on p.id = c.patient_id
                where c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to),
            patient_groups as (
                select case when grouping(v.age_group) = 0 then 'age_group' else 'sex' end as dimension,
                       coalesce(v.age_group, v.sex) as member,
                       count(distinct v.patient_id) as patients
                from visits v
                group by grouping sets ((v.age_group), (v.sex))),
            diagnosed as (
                -- Completed consultations with a diagnosis in either window (the windows never overlap).
                select c.diagnosis_code as code, c.patient_id,
                       c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to as in_current
                from consultations c
                where c.status = 'completed' and c.diagnosis_code is not null
                  and ((c.scheduled_at >= :cur_from and c.scheduled_at < :cur_to)
                       or (c.scheduled_at >= :prev_from and c.scheduled_at < :prev_to))),
            top_diagnoses as (
                -- Only codes seen in the window; ties by code in code-point order, as Java compares.
                select row_number() over (order by count(*) filter (where d.in_current) desc,
                                                   d.code collate "C") as top_rank,
                       d.code,
                       count(*) filter (where d.in_current) as diagnoses,
                       count(distinct d.patient_id) filter (where d.in_current) as patients,
                       count(*) filter (where not d.in_current) as previous_diagnoses,
                       count(distinct d.patient_id) filter (where not d.in_current) as previous_patients
                from diagnosed d
                group by d.code
                having count(*) filter (where d.in_current) > 0
                order by top_rank
                limit :top)
            -- The left join on true keeps one row, and with it the data version, for an empty window.
            select r.dimension, r.member, r.top_rank, r.count, r.patients, r.previous_count, r.previous_patients,
                   %s as version
            from (select 1) as always
            left join (
                select g.dimension, g.member, cast(null as bigint) as top_rank, g.patients as count, g.patients,
                       cast(0 as bigint) as previous_count, cast(0 as bigint) as previous_patients
                from patient_groups g
                union all
                select 'diagnosis', t.code, t.top_rank, t.diagnoses, t.patients, t.previous_diagnoses,
                       t.previous_patients
                from top_diagnoses t) r on true
            order by r.dimension, r.top_rank
            """.formatted(AgeGroup.sqlCase(MetricSql.localDate("c.scheduled_at"), "p.birth_date"),
            DataVersionRepository.CURRENT_SQL);

    /**
     * Readings of the vitals per series bucket: how many, of how many distinct patients (both
     * decide suppression), and their exact sum for the mean. Values are averaged as stored: a
     * LOINC code fixes the property measured, so the platform sends each code in one unit.
     */
    static final String VITALS = """
            select o.code, width_bucket(o.observed_at, cast(:buckets as timestamptz[])) as bucket,
                   count(*) as readings, count(distinct o.patient_id) as patients, sum(o.value) as total
            from health_observations o
            where o.observed_at >= :cur_from and o.observed_at < :cur_to and o.code in (:codes)
            group by o.code, bucket
            """;

    private final EntityManager entityManager;

    HealthTrendsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Distinct patients of one age group ({@code dimension} age_group) or sex ({@code sex}). */
    @RegisterForReflection
    public record PatientGroup(String dimension, String member, long patients) {
    }

    /** A diagnosis code's completed consultations and their distinct patients, in both windows. */
    @RegisterForReflection
    public record DiagnosisCounts(String code, long count, long patients, long previousCount,
            long previousPatients) {
    }

    /** The window's patient groups and top diagnoses (in rank order). */
    @RegisterForReflection
    public record Patients(List<PatientGroup> groups, List<DiagnosisCounts> topDiagnoses) {
    }

    /** The readings of one code in one bucket (1-based, as {@code width_bucket} numbers them). */
    @RegisterForReflection
    public record VitalCell(String code, int bucket, long readings, long patients, BigDecimal sum) {
    }

    /** The patient groups and the {@code top} diagnoses, with the data version read with them. */
    public Versioned<Patients> patients(ResolvedPeriod period, int top) {
        List<Tuple> rows = MetricSql.tuples(MetricSql.localDays(MetricSql.period(
                entityManager.createNativeQuery(PATIENTS, Tuple.class), period, false, true), period)
                .setParameter("top", top));
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
        return MetricSql.tuples(MetricSql.period(entityManager.createNativeQuery(VITALS, Tuple.class), period, true,
                false).setParameter("codes", codes)).stream()
                .map(row -> new VitalCell(MetricSql.text(row, "code"), (int) MetricSql.count(row, "bucket"),
                        MetricSql.count(row, "readings"), MetricSql.count(row, "patients"),
                        MetricSql.decimal(row, "total")))
                .toList();
    }
}
