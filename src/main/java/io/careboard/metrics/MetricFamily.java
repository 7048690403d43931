package io.careboard.metrics;

import io.careboard.domain.WireEnum;
import java.util.Arrays;
import java.util.List;

/**
 * A family of metrics: one REST endpoint, one Redis cache with its own TTL, and (but for
 * {@code range}) one WebSocket topic. The wire name is the {@code metric} of an envelope and the
 * topic of the WebSocket protocol.
 */
public enum MetricFamily implements WireEnum {
    CONSULTATIONS(CacheNames.CONSULTATIONS),
    DOCTORS(CacheNames.DOCTORS),
    REVENUE(CacheNames.REVENUE),
    HEALTH_TRENDS(CacheNames.HEALTH_TRENDS),
    OVERVIEW(CacheNames.OVERVIEW),
    RANGE(CacheNames.RANGE);

    /** The families the cache warm computes, in the seed's priority order. */
    public static final List<MetricFamily> WARMING_ORDER = List.of(CONSULTATIONS, DOCTORS, REVENUE, HEALTH_TRENDS,
            OVERVIEW);

    private final String cacheName;

    MetricFamily(String cacheName) {
        this.cacheName = cacheName;
    }

    /** The name of the family's Redis cache ({@code cache:<name>:<key>}). */
    public String cacheName() {
        return cacheName;
    }

    /** Whether the family has a WebSocket topic: every family but {@code range}. */
    public boolean isTopic() {
        return this != RANGE;
    }

    public static List<MetricFamily> topics() {
        return Arrays.stream(values()).filter(MetricFamily::isTopic).toList();
    }
}
