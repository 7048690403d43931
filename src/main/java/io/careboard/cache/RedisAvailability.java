package io.careboard.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether Redis answers, probed every {@code careboard.cache.redis.probe-interval}. While it is
 * down, metric answers bypass the cache instead of waiting for Redis timeouts; every change is
 * announced as a {@link Changed} event so caches can be flushed (invalidations sent while Redis
 * was away were lost) and subscriptions renewed.
 */
@Singleton
public class RedisAvailability {

    private static final Logger LOG = Logger.getLogger(RedisAvailability.class);

    /** Redis came back ({@code up}) or went away. */
    @RegisterForReflection
    public record Changed(boolean up) {
    }

    private final ReactiveRedisDataSource redis;
    private final CacheConfig config;
    private final Event<Changed> changes;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private volatile boolean stopping;

    RedisAvailability(ReactiveRedisDataSource redis, CacheConfig config, Event<Changed> changes) {
        this.redis = redis;
        this.config = config;
        this.changes = changes;
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    public boolean isUp() {
        return up.get();
    }

    /** Called by whoever saw a Redis command fail, so others stop trying before the next probe. */
    public void markDown(Throwable cause) {
        if (!stopping && up.compareAndSet(true, false)) {
            LOG.warnf("Redis is unreachable (%s); metric answers bypass the cache until it is back", cause.toString());
            changes.fire(new Changed(false));
        }
    }

    @Scheduled(every = "${careboard.cache.redis.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        if (stopping) {
            return;
        }
        try {
            redis.execute("PING").await().atMost(config.redis().probeTimeout());
            if (up.compareAndSet(false, true)) {
                LOG.info("Redis is reachable again; caching resumes");
                changes.fire(new Changed(true));
            }
        } catch (RuntimeException failure) {
            markDown(failure);
        }
    }
}
