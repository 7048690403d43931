package io.careboard.metrics.doctors;

import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.DoctorRanking;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.calc.BayesianRating;
import io.careboard.metrics.calc.BayesianRating.Score;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.doctors.DoctorMetrics.DoctorPerformance;
import io.careboard.metrics.doctors.DoctorMetricsRepository.DoctorFigures;
import io.careboard.metrics.doctors.DoctorMetricsRepository.Figures;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** The doctors' performance table (contract §3, TTL 10 min). */
@ApplicationScoped
public class DoctorMetricsService extends MetricService<DoctorMetrics> {

    private final DoctorMetricsRepository repository;
    private final MetricsConfig config;

    DoctorMetricsService(DoctorMetricsRepository repository, MetricsConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.DOCTORS;
    }

    @Override
    @CacheResult(cacheName = CacheNames.DOCTORS)
    public ComputedMetric<DoctorMetrics> cached(@CacheKey String key, MetricQuery query, Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<DoctorMetrics> calculate(MetricQuery query) {
        Versioned<Figures> figures = repository.figures(query.period());
        Figures window = figures.data();
        BayesianRating prior = BayesianRating.prior(config.bayesianPriorWeight(), window.platformScoreSum(),
                window.platformRatings());
        DoctorRanking ranking = query.ranking().orElse(DoctorRanking.DEFAULT);
        List<DoctorPerformance> table = window.doctors().stream()
                .map(doctor -> new Ranked(doctor, prior.of(doctor.scoreSum(), doctor.ratings())))
                .sorted(order(ranking.sort()))
                .limit(ranking.limit())
                .map(DoctorMetricsService::performance)
                .toList();
        long active = window.doctors().stream().filter(doctor -> doctor.completed() > 0).count();
        return new Versioned<>(new DoctorMetrics(active, table), figures.version());
    }

    /** The requested order, always ending with doctor_id ascending; values compared unrounded. */
    private static Comparator<Ranked> order(DoctorRanking.Sort sort) {
        Comparator<Ranked> byId = Comparator.comparing(Ranked::doctorId);
        return switch (sort) {
            case COMPLETED -> Comparator.comparingLong((Ranked r) -> r.figures().completed()).reversed()
                    .thenComparing(byId);
            case REVENUE -> Comparator.comparing(Ranked::netRevenue, Comparator.reverseOrder()).thenComparing(byId);
            case RATING -> BayesianRating.ordering(Ranked::bayesian, Ranked::doctorId);
        };
    }

    private static DoctorPerformance performance(Ranked ranked) {
        DoctorFigures doctor = ranked.figures();
        return new DoctorPerformance(doctor.doctorId(), doctor.fullName(), doctor.specialty(), doctor.consultations(),
                doctor.completed(),
                Decimals.ratio(doctor.completed(), doctor.completed() + doctor.failed()),
                Decimals.average(doctor.scoreSum(), doctor.ratings(), Decimals.RATING_DIGITS),
                doctor.ratings(),
                ranked.bayesian() == null ? null : ranked.bayesian().rounded(),
                ranked.netRevenue(),
                Decimals.averageMinutes(doctor.durationSeconds(), doctor.durations()));
    }

    /** A doctor's figures with the exact Bayesian value the ranking compares. */
    @RegisterForReflection
    private record Ranked(DoctorFigures figures, Score bayesian) {

        String doctorId() {
            return figures.doctorId();
        }

        /** Net revenue, 0.00 for a doctor without payment events. */
        BigDecimal netRevenue() {
            return Decimals.money(figures.revenue());
        }
    }
}
