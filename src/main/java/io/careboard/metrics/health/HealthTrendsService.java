package io.careboard.metrics.health;

import io.careboard.domain.Sex;
import io.careboard.domain.WireEnum;
import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.calc.AgeGroup;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.calc.Suppression;
import io.careboard.metrics.health.HealthTrends.Diagnosis;
import io.careboard.metrics.health.HealthTrends.Vital;
import io.careboard.metrics.health.HealthTrends.VitalPoint;
import io.careboard.metrics.health.HealthTrendsRepository.DiagnosisCounts;
import io.careboard.metrics.health.HealthTrendsRepository.PatientGroup;
import io.careboard.metrics.health.HealthTrendsRepository.Patients;
import io.careboard.metrics.health.HealthTrendsRepository.VitalCell;
import io.careboard.metrics.period.Bucket;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Population health trends: top diagnoses, patients by age group and sex, and vitals over time
 * (contract §3, TTL 10 min). Every count of 1..k−1 patients, diagnoses or readings is hidden
 * (small-cell suppression) before the answer leaves this class, so no cache ever holds it.
 */
@ApplicationScoped
public class HealthTrendsService extends MetricService<HealthTrends> {

    /** How many diagnoses {@code top_diagnoses} lists. */
    static final int TOP_DIAGNOSES = 10;

    /**
     * The vitals, in the answer's order (LOINC): systolic and diastolic blood pressure, heart
     * rate, blood glucose, body mass index.
     */
    static final List<String> VITAL_CODES = List.of("8480-6", "8462-4", "8867-4", "2339-0", "39156-5");

    private final HealthTrendsRepository repository;
    private final MetricsConfig config;

    HealthTrendsService(HealthTrendsRepository repository, MetricsConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.HEALTH_TRENDS;
    }

    @Override
    @CacheResult(cacheName = CacheNames.HEALTH_TRENDS)
    public ComputedMetric<HealthTrends> cached(@CacheKey String key, MetricQuery query, Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<HealthTrends> calculate(MetricQuery query) {
        Versioned<Patients> patients = repository.patients(query.period(), TOP_DIAGNOSES);
        List<VitalCell> cells = repository.vitals(query.period(), VITAL_CODES);

        // One collector, fed in the answer's order, so `suppressed` lists paths as they appear.
        Suppression.Cells suppression = new Suppression(config.suppressionK()).cells();
        List<Diagnosis> diagnoses = topDiagnoses(patients.data().topDiagnoses(), suppression);
        Map<String, Long> byAgeGroup = patientCounts("by_age_group", AgeGroup.labels(), "age_group",
                patients.data().groups(), suppression);
        Map<String, Long> bySex = patientCounts("by_sex", WireEnum.names(Sex.class), "sex", patients.data().groups(),
                suppression);
        List<Vital> vitals = vitals(query.period().buckets(), cells, suppression);
        return new Versioned<>(new HealthTrends(diagnoses, byAgeGroup, bySex, vitals, suppression.suppressed()),
                patients.version());
    }

    /** Each diagnosis's counts, hidden when they or their distinct patients are 1..k−1, and their change. */
    private static List<Diagnosis> topDiagnoses(List<DiagnosisCounts> ranked, Suppression.Cells suppression) {
        List<Diagnosis> diagnoses = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            DiagnosisCounts counts = ranked.get(i);
            String path = "top_diagnoses[" + i + "].";
            Long count = suppression.count(path + "count", counts.count(), counts.patients());
            Long previous = suppression.count(path + "previous_count", counts.previousCount(),
                    counts.previousPatients());
            diagnoses.add(new Diagnosis(counts.code(), count, previous, suppression.changePercent(count, previous)));
        }
        return diagnoses;
    }

    /** Every key of {@code labels}, zeros included, with its distinct patients or null when hidden. */
    private static Map<String, Long> patientCounts(String field, List<String> labels, String dimension,
            List<PatientGroup> groups, Suppression.Cells suppression) {
        Map<String, Long> found = new LinkedHashMap<>();
        groups.stream().filter(group -> group.dimension().equals(dimension))
                .forEach(group -> found.put(group.member(), group.patients()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String label : labels) {
            counts.put(label, suppression.count(field + "." + label, found.getOrDefault(label, 0L)));
        }
        return counts;
    }

    /** Each vital's series over every bucket, empty buckets as 0 readings with a null mean. */
    private static List<Vital> vitals(List<Bucket> buckets, List<VitalCell> cells, Suppression.Cells suppression) {
        List<Vital> vitals = new ArrayList<>(VITAL_CODES.size());
        for (int v = 0; v < VITAL_CODES.size(); v++) {
            String code = VITAL_CODES.get(v);
            VitalCell[] byBucket = new VitalCell[buckets.size()];
            cells.stream().filter(cell -> cell.code().equals(code)).forEach(cell -> byBucket[cell.bucket() - 1] = cell);
            List<VitalPoint> series = new ArrayList<>(buckets.size());
            for (int b = 0; b < buckets.size(); b++) {
                VitalCell cell = byBucket[b];
                Suppression.Averaged shown = suppression.averaged("vitals[" + v + "].series[" + b + "].readings",
                        cell == null ? 0 : cell.readings(), cell == null ? 0 : cell.patients(),
                        cell == null ? null : cell.sum(), Decimals.MINUTES_DIGITS);
                series.add(new VitalPoint(buckets.get(b).label(), shown.count(), shown.average()));
            }
            vitals.add(new Vital(code, series));
        }
        return vitals;
    }
}
