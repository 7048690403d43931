package io.careboard.metrics.rollup;

import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.Granularity;
import io.careboard.metrics.period.ResolvedPeriod;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

/** Which answers may read past days from the daily rollups. */
@Singleton
public class Rollups {

    private final RollupConfig config;
    private final Set<ZoneId> zones = new LinkedHashSet<>();

    Rollups(RollupConfig config, MetricsConfig metrics) {
        this.config = config;
        zones.add(metrics.defaultTimezone());
        zones.addAll(config.zones());
    }

    /** The zones with rollups: the default zone and the configured ones. */
    public Set<ZoneId> zones() {
        return zones;
    }

    /** Whether figures in {@code zone} that need no series may come from the rollups. */
    public boolean cover(ZoneId zone) {
        return config.enabled() && zones.contains(zone);
    }

    /**
     * Whether a period's figures, series included, may come from the rollups: daily rows cannot
     * fill hourly buckets.
     */
    public boolean cover(ResolvedPeriod period) {
        return cover(period.zone()) && period.granularity() != Granularity.HOUR;
    }

    boolean enabled() {
        return config.enabled();
    }
}
