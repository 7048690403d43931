package io.careboard.metrics.revenue;

import io.careboard.domain.ConsultationType;
import io.careboard.domain.PaymentMethod;
import io.careboard.domain.WireEnum;
import io.careboard.metrics.CacheNames;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.calc.Decimals;
import io.careboard.metrics.period.Bucket;
import io.careboard.metrics.revenue.RevenueMetrics.DoctorRevenue;
import io.careboard.metrics.revenue.RevenueMetrics.GrossAndNet;
import io.careboard.metrics.revenue.RevenueMetrics.MethodRevenue;
import io.careboard.metrics.revenue.RevenueMetrics.SeriesPoint;
import io.careboard.metrics.revenue.RevenueMetrics.SpecialtyRevenue;
import io.careboard.metrics.revenue.RevenueMetrics.TypeRevenue;
import io.careboard.metrics.revenue.RevenueMetricsRepository.Aggregate;
import io.careboard.metrics.revenue.RevenueMetricsRepository.Current;
import io.careboard.metrics.revenue.RevenueMetricsRepository.Previous;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Revenue: gross, refunds and net, by type, specialty, method, over time and per doctor (contract §3, TTL 15 min). */
@ApplicationScoped
public class RevenueMetricsService extends MetricService<RevenueMetrics> {

    private final RevenueMetricsRepository repository;

    RevenueMetricsService(RevenueMetricsRepository repository) {
        this.repository = repository;
    }

    @Override
    public MetricFamily family() {
        return MetricFamily.REVENUE;
    }

    @Override
    @CacheResult(cacheName = CacheNames.REVENUE)
    public ComputedMetric<RevenueMetrics> cached(@CacheKey String key, MetricQuery query, Computation computation) {
        return miss(query, computation);
    }

    @Override
    protected Versioned<RevenueMetrics> calculate(MetricQuery query) {
        Versioned<Current> current = repository.current(query.period());
        Previous previous = repository.previous(query.period());

        Aggregate all = null;
        Map<String, Aggregate> byType = new HashMap<>();
        Map<String, Aggregate> byMethod = new HashMap<>();
        Map<Integer, Aggregate> byBucket = new HashMap<>();
        List<Aggregate> specialties = new ArrayList<>();
        List<Aggregate> doctors = new ArrayList<>();
        for (Aggregate row : current.data().aggregates()) {
            switch (row.dimension()) {
                case "all" -> all = row;
                case "type" -> byType.put(row.member(), row);
                case "method" -> byMethod.put(row.member(), row);
                case "bucket" -> byBucket.put(Integer.parseInt(row.member()) - 1, row);
                case "specialty" -> specialties.add(row);
                case "doctor" -> doctors.add(row);
                default -> throw new IllegalStateException("unknown dimension " + row.dimension());
            }
        }
        Money total = Money.of(all);
        Money before = Money.of(previous.gross(), previous.refunds());

        List<TypeRevenue> types = WireEnum.names(ConsultationType.class).stream()
                .map(type -> Money.of(byType.get(type)).as((gross, net) -> new TypeRevenue(type, gross, net)))
                .toList();
        List<MethodRevenue> methods = WireEnum.names(PaymentMethod.class).stream()
                .map(method -> Money.of(byMethod.get(method)).as((gross, net) -> new MethodRevenue(method, gross, net)))
                .toList();
        List<SpecialtyRevenue> bySpecialty = specialties.stream()
                .map(row -> Money.of(row).as((gross, net) -> new SpecialtyRevenue(row.member(), gross, net)))
                .sorted(Comparator.comparing(SpecialtyRevenue::gross).reversed()
                        .thenComparing(SpecialtyRevenue::specialty))
                .toList();
        List<DoctorRevenue> topDoctors = doctors.stream()
                .sorted(Comparator.comparingLong(Aggregate::rank))
                .map(row -> Money.of(row)
                        .as((gross, net) -> new DoctorRevenue(row.member(), row.fullName(), gross, net)))
                .toList();
        List<Bucket> buckets = query.period().buckets();
        List<SeriesPoint> series = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Money money = Money.of(byBucket.get(i));
            series.add(new SeriesPoint(buckets.get(i).label(), money.gross(), money.refunds(), money.net()));
        }

        long paidConsultations = current.data().paidConsultations();
        RevenueMetrics data = new RevenueMetrics(total.gross(), total.refunds(), total.net(), paidConsultations,
                Decimals.average(total.gross(), paidConsultations, Decimals.MONEY_DIGITS),
                types, bySpecialty, methods, series, topDoctors,
                new GrossAndNet(before.gross(), before.net()),
                new GrossAndNet(Decimals.changePercent(total.gross(), before.gross()),
                        Decimals.changePercent(total.net(), before.net())));
        return new Versioned<>(data, current.version());
    }

    /** Gross and refunds of one key, 2 digits; a key without events (or without either kind) has 0.00. */
    @RegisterForReflection
    private record Money(BigDecimal gross, BigDecimal refunds) {

        static Money of(BigDecimal gross, BigDecimal refunds) {
            return new Money(Decimals.money(gross), Decimals.money(refunds));
        }

        static Money of(Aggregate row) {
            return row == null ? of(null, null) : of(row.gross(), row.refunds());
        }

        BigDecimal net() {
            return gross.subtract(refunds);
        }

        /** One of the {key, gross, net} items, made by {@code item} from gross and net. */
        <T> T as(BiFunction<BigDecimal, BigDecimal, T> item) {
            return item.apply(gross, net());
        }
    }
}
