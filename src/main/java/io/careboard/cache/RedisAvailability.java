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
 * announced as a {@link Changed} event so subscriptions can be renewed. When Redis answers again,
 * {@link Returning} is announced first, while answers still bypass the cache, so what went stale
 * meanwhile (invalidations sent while Redis was away were lost) is flushed before anyone reads it.
 */
@Singleton
public class RedisAvailability {

    private static final Logger LOG = Logger.getLogger(RedisAvailability.class);

    /** Redis came back ({@code up}) or went away. */
    @RegisterForReflection
    public record Changed(boolean up) {
    }

    /** Redis answers again; caching resumes once every observer returned (one that throws delays it). */
    @RegisterForReflection
    public record Returning() {
    }

    private final ReactiveRedisDataSource redis;
    private final CacheConfig config;
    private final Event<Changed> changes;
    private final Event<Returning> returns;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private volatile boolean stopping;

    RedisAvailability(ReactiveRedisDataSource redis, CacheConfig config, Event<Changed> changes,
            Event<Returning> returns) {
        this.redis = redis;
        this.config = config;
        this.changes = changes;
        this.returns = returns;
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
            if (!up.get()) {
                returns.fire(new Returning());
                up.set(true);
                LOG.info("Redis is reachable again; caching resumes");
                changes.fire(new Changed(true));
            }
        } catch (RuntimeException failure) {
            markDown(failure);
        }
    }
}
