package io.careboard.metrics;

import io.quarkus.arc.All;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The metric service of each family. */
@Singleton
public class MetricServices {

    private final Map<MetricFamily, MetricService<?>> byFamily = new EnumMap<>(MetricFamily.class);

    MetricServices(@All List<MetricService<?>> services) {
        services.forEach(service -> byFamily.put(service.family(), service));
    }

    public MetricService<?> of(MetricFamily family) {
        MetricService<?> service = byFamily.get(family);
        if (service == null) {
            throw new IllegalStateException("no metric service for " + family);
        }
        return service;
    }
}
