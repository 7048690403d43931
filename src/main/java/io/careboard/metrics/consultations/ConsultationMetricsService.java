package io.careboard.metrics.consultations;

import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.careboard.domain.WireEnum;
import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.consultations.ConsultationMetrics.ChangePercent;
import io.careboard.metrics.consultations.ConsultationMetrics.Previous;
import io.careboard.metrics.consultations.ConsultationMetrics.SeriesPoint;
import io.careboard.metrics.consultations.ConsultationMetrics.SpecialtyCount;
import io.careboard.metrics.consultations.ConsultationMetricsRepository.Aggregate;
import io.careboard.metrics.consultations.ConsultationMetricsRepository.MedianAndPrevious;
import io.careboard.metrics.period.Bucket;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consultation metrics: volumes, outcomes, durations and waits (contract §3, TTL 5 min). */
@ApplicationScoped
public class ConsultationMetricsService extends MetricService<ConsultationMetrics> {

    private final ConsultationMetricsRepository repository;

    ConsultationMetricsService(ConsultationMetricsRepository repository) {
        this.repository = repository;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.CONSULTATIONS;
    }

    @Override
    @CacheResult(cacheName = CacheNames.CONSULTATIONS)
    public ComputedMetric<ConsultationMetrics> cached(@CacheKey String key, MetricQuery query,
            Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<ConsultationMetrics> calculate(MetricQuery query) {
        Versioned<List<Aggregate>> current = repository.current(query.period());
        MedianAndPrevious medianAndPrevious = repository.medianAndPrevious(query.period());

        Aggregate all = null;
        Map<String, Long> byStatus = zeros(ConsultationStatus.class);
        Map<String, Long> byType = zeros(ConsultationType.class);
        List<SpecialtyCount> bySpecialty = new ArrayList<>();
        long[][] series = new long[query.period().buckets().size()][2];
        for (Aggregate row : current.data()) {
            switch (row.dimension()) {
                case "all" -> all = row;
                case "status" -> byStatus.put(row.member(), row.total());
                case "type" -> byType.put(row.member(), row.total());
                case "specialty" -> bySpecialty.add(new SpecialtyCount(row.member(), row.total(), row.completed()));
                case "bucket" -> {
                    int index = Integer.parseInt(row.member()) - 1;
                    series[index][0] = row.total();
                    series[index][1] = row.completed();
                }
                default -> throw new IllegalStateException("unknown dimension " + row.dimension());
            }
        }
        bySpecialty.sort(Comparator.comparingLong(SpecialtyCount::total).reversed()
                .thenComparing(SpecialtyCount::specialty));
        List<Bucket> buckets = query.period().buckets();
        List<SeriesPoint> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            points.add(new SeriesPoint(buckets.get(i).label(), series[i][0], series[i][1]));
        }

        long completed = byStatus.get(ConsultationStatus.COMPLETED.wire());
        long failed = byStatus.get(ConsultationStatus.CANCELLED.wire()) + byStatus.get(ConsultationStatus.NO_SHOW.wire());
        long previousCompleted = medianAndPrevious.previousCompleted();
        Previous previous = new Previous(medianAndPrevious.previousTotal(), previousCompleted,
                Decimals.ratio(previousCompleted, previousCompleted + medianAndPrevious.previousFailed()));
        ConsultationMetrics data = new ConsultationMetrics(
                all.total(), byStatus, byType,
                Decimals.ratio(completed, completed + failed),
                Decimals.averageMinutes(all.durationSeconds(), all.durations()),
                Decimals.minutes(medianAndPrevious.medianSeconds()),
                Decimals.averageMinutes(all.waitSeconds(), all.waits()),
                bySpecialty, points, previous,
                new ChangePercent(Decimals.changePercent(all.total(), previous.total()),
                        Decimals.changePercent(completed, previousCompleted)));
        return new Versioned<>(data, current.version());
    }

    /** Every wire name of an enum mapped to 0, in declaration order: "every key present, zeros included". */
    static <E extends Enum<E> & WireEnum> Map<String, Long> zeros(Class<E> type) {
        Map<String, Long> map = new LinkedHashMap<>();
        WireEnum.names(type).forEach(name -> map.put(name, 0L));
        return map;
    }
}
