package io.careboard.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** How metrics are computed. */
@ConfigMapping(prefix = "careboard.metrics")
public interface MetricsConfig {

    /** The time zone of requests that name none, and of the cache warm. */
    @WithDefault("UTC")
    ZoneId defaultTimezone();

    /**
     * C of the Bayesian rating (C·m + Σscores) / (C + n): how many platform-average ratings a
     * doctor's own ratings are blended with.
     */
    @WithDefault("5")
    int bayesianPriorWeight();

    /** k of small-cell suppression: health-trend counts of 1..k−1 patients or readings are hidden. */
    @WithDefault("5")
    int suppressionK();
}
