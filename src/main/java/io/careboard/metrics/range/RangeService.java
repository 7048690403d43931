package io.careboard.metrics.range;

import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.period.Bucket;
import io.careboard.metrics.range.RangeMetrics.Point;
import io.careboard.metrics.range.RangeMetrics.Totals;
import io.careboard.metrics.range.RangeRepository.Figures;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Consultations, revenue and ratings over a custom range of local dates, per hour, day, ISO week
 * or month (contract §3, TTL 30 min).
 */
@ApplicationScoped
public class RangeService extends MetricService<RangeMetrics> {

    private final RangeRepository repository;

    RangeService(RangeRepository repository) {
        this.repository = repository;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.RANGE;
    }

    @Override
    @CacheResult(cacheName = CacheNames.RANGE)
    public ComputedMetric<RangeMetrics> cached(@CacheKey String key, MetricQuery query, Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<RangeMetrics> calculate(MetricQuery query) {
        Versioned<List<Figures>> rows = repository.series(query.period());
        List<Bucket> buckets = query.period().buckets();
        Figures[] byBucket = new Figures[buckets.size()];
        Figures total = null;
        for (Figures figures : rows.data()) {
            if (figures.bucket() == 0) {
                total = figures;
            } else {
                byBucket[figures.bucket() - 1] = figures;
            }
        }
        List<Point> series = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Figures f = byBucket[i] == null ? new Figures(i + 1, 0, 0, null, null, 0, 0) : byBucket[i];
            BigDecimal net = net(f);
            series.add(new Point(buckets.get(i).label(), f.consultations(), f.completed(), Decimals.money(f.gross()),
                    Decimals.money(f.refunds()), net, f.ratings(), avgRating(f)));
        }
        Totals totals = new Totals(total.consultations(), total.completed(), Decimals.money(total.gross()),
                Decimals.money(total.refunds()), net(total), total.ratings(), avgRating(total));
        return new Versioned<>(new RangeMetrics(series, totals), rows.version());
    }

    private static BigDecimal net(Figures figures) {
        return Decimals.money(Decimals.money(figures.gross()).subtract(Decimals.money(figures.refunds())));
    }

    private static BigDecimal avgRating(Figures figures) {
        return Decimals.average(figures.scoreSum(), figures.ratings(), Decimals.RATING_DIGITS);
    }
}
