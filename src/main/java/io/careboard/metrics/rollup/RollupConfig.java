package io.careboard.metrics.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Daily rollups: which zones have them and how they are kept current. */
@ConfigMapping(prefix = "careboard.rollups")
public interface RollupConfig {

    /** Whether past days are read from the rollups. Off, every metric reads raw rows: exact, slower. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The zones whose local days are rolled up, besides {@code careboard.metrics.default-timezone}.
     * Requests in other zones are answered from raw rows, as exactly but more slowly.
     */
    @WithDefault("UTC")
    List<ZoneId> zones();

    /**
     * How often changed days are rebuilt and the rollups extended to the last finished day: a
     * duration ({@code 15s}), or {@code off} to leave it to explicit calls (the tests do).
     */
    @WithDefault("15s")
    String refreshInterval();

    /** When rollups of zones no longer configured are dropped (weekly by default). */
    @WithDefault("0 30 3 ? * SUN")
    String cleanupCron();

    /** The most days rebuilt in one transaction, so a long backlog never holds locks for long. */
    @WithDefault("31")
    int batchDays();

    /**
     * How long one batch (one transaction) may run before it is rolled back and tried again at the
     * next run. A month of 10,000,000 consultations' days takes about a minute on two cores, the
     * default transaction timeout, so the default leaves room for larger platforms.
     */
    @WithDefault("10m")
    Duration batchTimeout();
}
