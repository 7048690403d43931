package io.careboard.realtime;

import io.careboard.cache.Answer;
import io.careboard.cache.CacheCoherence;
import io.careboard.cache.ClusterLock;
import io.careboard.cache.RedisAvailability;
import io.careboard.metrics.MetricFamily;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A topic's flush: recompute every key of the topic that has a subscriber somewhere in the
 * cluster, replace the cached value with the new one (so REST answers what was pushed) and
 * publish it. Replicas that see changes at the same time do not both recompute a key: a
 * recomputation claims the key in Redis, holds the claim while it runs and keeps it until its
 * coalescing window ends, so a key is recomputed at most once per window cluster-wide. A replica
 * that finds a key claimed retries it when its own window ends, so its change is never lost.
 */
@Singleton
public class Recomputer implements Coalescer.Flush {

    private static final Logger LOG = Logger.getLogger(Recomputer.class);
    static final String CLAIM_PREFIX = "careboard:realtime:claim:";

    private final ClusterSubscriptions subscriptions;
    private final CacheCoherence coherence;
    private final ClusterLock lock;
    private final RedisAvailability redis;
    private final UpdatePublisher publisher;
    private final RealtimeMetrics metrics;
    private final Clock clock;
    private final Duration window;
    private final Duration lease;
    private final ExecutorService pool;
    private final Map<MetricFamily, Set<SubscriptionKey>> toRetry = new ConcurrentHashMap<>();

    Recomputer(ClusterSubscriptions subscriptions, CacheCoherence coherence, ClusterLock lock,
            RedisAvailability redis, UpdatePublisher publisher, RealtimeMetrics metrics, Clock clock,
            RealtimeConfig config) {
        this.subscriptions = subscriptions;
        this.coherence = coherence;
        this.lock = lock;
        this.redis = redis;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.window = config.coalescingWindow();
        this.lease = config.claimLease();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.recomputeConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "realtime-recompute-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStop(@Observes ShutdownEvent stop) {
        pool.shutdownNow();
    }

    @Override
    public CompletionStage<Boolean> flush(MetricFamily topic, boolean changed) {
        return CompletableFuture.supplyAsync(() -> keys(topic, changed), pool).thenCompose(keys -> {
            List<CompletableFuture<Boolean>> claimed = keys.stream()
                    .map(key -> CompletableFuture.supplyAsync(() -> recompute(key), pool)).toList();
            return CompletableFuture.allOf(claimed.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<SubscriptionKey> contended = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    if (!claimed.get(i).join()) {
                        contended.add(keys.get(i));
                    }
                }
                if (!contended.isEmpty()) {
                    toRetry.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).addAll(contended);
                }
                return !contended.isEmpty();
            });
        });
    }

    /** The keys to recompute, the shortest periods (the cheapest and most watched) first. */
    private List<SubscriptionKey> keys(MetricFamily topic, boolean changed) {
        Set<SubscriptionKey> keys = new HashSet<>();
        Set<SubscriptionKey> retries = toRetry.remove(topic);
        if (retries != null) {
            keys.addAll(retries);
        }
        if (changed) {
            keys.addAll(subscriptions.live(topic));
        }
        return keys.stream().sorted(Comparator.comparing(SubscriptionKey::period)
                .thenComparing(key -> key.zone().getId())).toList();
    }

    /** Recomputes and publishes one key; false when another replica holds its claim. Blocking. */
    private boolean recompute(SubscriptionKey key) {
        if (!redis.isUp()) {
            refreshAndPublish(key);
            return true;
        }
        Optional<ClusterLock.Lease> claim;
        try {
            claim = lock.tryAcquire(CLAIM_PREFIX + key.wire(), lease);
        } catch (RuntimeException failure) {
            redis.markDown(failure);
            refreshAndPublish(key);
            return true;
        }
        if (claim.isEmpty()) {
            return false;
        }
        long started = System.nanoTime();
        try {
            refreshAndPublish(key);
        } finally {
            keepUntilWindowEnds(claim.get(), started);
        }
        return true;
    }

    private void refreshAndPublish(SubscriptionKey key) {
        try {
            Answer answer = coherence.refresh(key.query(clock.instant()));
            metrics.recomputed(key, publisher.publish(key, answer));
        } catch (RuntimeException failure) {
            // Not retried: subscribers get the next change's update, or refetch over REST.
            LOG.warnf("recomputing %s for its subscribers failed: %s", key.wire(), failure.toString());
        }
    }

    private void keepUntilWindowEnds(ClusterLock.Lease claim, long startedNanos) {
        try {
            claim.keepFor(window.minusNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException failure) {
            redis.markDown(failure);
        }
    }
}
