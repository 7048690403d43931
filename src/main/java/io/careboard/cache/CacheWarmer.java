package io.careboard.cache;

import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pre-computes the answers dashboards ask for first: every family in the seed's priority order
 * (consultations, doctors, revenue, health trends, overview) for every named period in the
 * default time zone. It runs hourly on one replica only, and on demand; a cluster-wide lock
 * makes concurrent warms (replicas, the Kubernetes CronJob) do the work once.
 */
@Singleton
public class CacheWarmer {

    private static final Logger LOG = Logger.getLogger(CacheWarmer.class);
    static final String LOCK = "careboard:cache-warm:running";
    static final String HOUR_CLAIM = "careboard:cache-warm:hour:";

    /** One warmed answer. */
    public record Warmed(String metric, String period, String timezone, long millis) {
    }

    /** What a warm did: {@code warmed}, or {@code skipped} with the reason. */
    public record Report(String status, String reason, List<Warmed> warmed, long totalMillis) {
        static Report skipped(String reason) {
            return new Report("skipped", reason, List.of(), 0);
        }
    }

    private final CacheCoherence coherence;
    private final ClusterLock lock;
    private final RedisAvailability redis;
    private final MetricsConfig metrics;
    private final CacheConfig config;
    private final Clock clock;

    CacheWarmer(CacheCoherence coherence, ClusterLock lock, RedisAvailability redis, MetricsConfig metrics,
            CacheConfig config, Clock clock) {
        this.coherence = coherence;
        this.lock = lock;
        this.redis = redis;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** The hourly warm: one replica per hour does it; failures are logged, never thrown. */
    @Scheduled(identity = "cache-warm", cron = "${careboard.cache.warm.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        try {
            if (!redis.isUp()) {
                LOG.info("hourly cache warm skipped: Redis is down");
                return;
            }
            Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
            if (!lock.claimOnce(HOUR_CLAIM + hour.atOffset(ZoneOffset.UTC).toLocalDateTime(), Duration.ofHours(2))) {
                LOG.debugf("hourly cache warm of %s already done by another replica", hour);
                return;
            }
            Report report = warm();
            LOG.infof("hourly cache warm: %s, %d answers in %d ms", report.status(), report.warmed().size(),
                    report.totalMillis());
        } catch (RuntimeException failure) {
            LOG.warnf("hourly cache warm failed: %s", failure.toString());
        }
    }

    /** Warms now unless another warm is running anywhere. Blocking. */
    public Report warm() {
        if (!redis.isUp()) {
            return Report.skipped("Redis is unavailable");
        }
        Optional<ClusterLock.Lease> held = lock.tryAcquire(LOCK, config.warm().lease());
        if (held.isEmpty()) {
            return Report.skipped("another warm is running");
        }
        try (ClusterLock.Lease lease = held.get()) {
            long started = System.nanoTime();
            List<Warmed> warmed = new ArrayList<>();
            for (MetricFamily family : MetricFamily.WARMING_ORDER) {
                for (PeriodName period : PeriodName.values()) {
                    long began = System.nanoTime();
                    coherence.refresh(query(family, period));
                    warmed.add(new Warmed(family.wire(), period.wire(), metrics.defaultTimezone().getId(),
                            (System.nanoTime() - began) / 1_000_000));
                }
            }
            return new Report("warmed", null, warmed, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private MetricQuery query(MetricFamily family, PeriodName period) {
        return MetricQuery.of(family, ResolvedPeriod.named(period, metrics.defaultTimezone(), clock.instant()));
    }
}
