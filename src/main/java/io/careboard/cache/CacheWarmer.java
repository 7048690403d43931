package io.careboard.cache;

import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    static final String FIRING_CLAIM = "careboard:cache-warm:firing:";
    /** The scheduled warms done, newest first: {@code <firing> <instance> <status>}. */
    public static final String RUNS = "careboard:cache-warm:runs";
    private static final Duration CLAIM_LIFETIME = Duration.ofHours(2);
    /** This replica, as the run log names it: the host (the pod in Kubernetes) and the process. */
    static final String INSTANCE = hostName() + "/" + ProcessHandle.current().pid();

    /** One warmed answer. */
    @RegisterForReflection
    public record Warmed(String metric, String period, String timezone, long millis) {
    }

    /** What a warm did: {@code warmed}, or {@code skipped} with the reason. */
    @RegisterForReflection
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
    private final ListCommands<String, String> runs;

    CacheWarmer(CacheCoherence coherence, ClusterLock lock, RedisAvailability redis, MetricsConfig metrics,
            CacheConfig config, Clock clock, RedisDataSource redisData) {
        this.coherence = coherence;
        this.lock = lock;
        this.redis = redis;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.runs = redisData.list(String.class);
    }

    /**
     * The scheduled warm. Every replica's scheduler fires at the same times; the first to claim a
     * firing does the warm and records it in {@value #RUNS} (the newest 100), the others skip.
     * Failures are logged, never thrown.
     */
    @Scheduled(identity = "cache-warm", cron = "${careboard.cache.warm.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        Instant firing = execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS);
        try {
            if (!redis.isUp()) {
                LOG.infof("scheduled cache warm of %s skipped: Redis is down", firing);
                return;
            }
            if (!lock.claimOnce(FIRING_CLAIM + firing, CLAIM_LIFETIME)) {
                LOG.debugf("scheduled cache warm of %s done by another replica", firing);
                return;
            }
            Report report = warm();
            runs.lpush(RUNS, firing + " " + INSTANCE + " " + report.status());
            runs.ltrim(RUNS, 0, 99);
            LOG.infof("scheduled cache warm of %s: %s, %d answers in %d ms", firing, report.status(),
                    report.warmed().size(), report.totalMillis());
        } catch (RuntimeException failure) {
            LOG.warnf("scheduled cache warm of %s failed: %s", firing, failure.toString());
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

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unknown) {
            return "unknown-host";
        }
    }

    private MetricQuery query(MetricFamily family, PeriodName period) {
        return MetricQuery.of(family, ResolvedPeriod.named(period, metrics.defaultTimezone(), clock.instant()));
    }
}
