package io.careboard.metrics.overview;

import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.overview.OverviewRepository.ConsultationCounts;
import io.careboard.metrics.overview.OverviewRepository.MoneyAndRatings;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/** The dashboard overview: consultations, net revenue, ratings and activity (contract §3, TTL 5 min). */
@ApplicationScoped
public class OverviewService extends MetricService<Overview> {

    private final OverviewRepository repository;

    OverviewService(OverviewRepository repository) {
        this.repository = repository;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.OVERVIEW;
    }

    @Override
    @CacheResult(cacheName = CacheNames.OVERVIEW)
    public ComputedMetric<Overview> cached(@CacheKey String key, MetricQuery query, Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<Overview> calculate(MetricQuery query) {
        Versioned<ConsultationCounts> versioned = repository.consultations(query.period());
        MoneyAndRatings money = repository.moneyAndRatings(query.period());
        ConsultationCounts counts = versioned.data();
        Overview overview = new Overview(
                // The completion rate of /consultations: completed out of those that ended one way or another.
                new Overview.Consultations(counts.total(), counts.completed(),
                        Decimals.ratio(counts.completed(), counts.completed() + counts.failed()),
                        Decimals.changePercent(counts.total(), counts.previousTotal())),
                new Overview.Revenue(Decimals.money(money.net()),
                        Decimals.changePercent(money.net(), money.previousNet())),
                new Overview.Ratings(Decimals.average(money.scoreSum(), money.ratings(), Decimals.RATING_DIGITS),
                        money.ratings()),
                counts.activeDoctors(), counts.activePatients(), counts.inProgressNow());
        return new Versioned<>(overview, versioned.version());
    }
}
