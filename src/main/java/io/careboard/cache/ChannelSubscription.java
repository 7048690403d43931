package io.careboard.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One Redis pub/sub subscription that can be renewed: at start without waiting, and when Redis
 * returns after an outage (see {@link RedisAvailability.Returning}) before caching resumes, so
 * nothing published once Redis counts as up again is missed.
 */
public final class ChannelSubscription {

    private static final Logger LOG = Logger.getLogger(ChannelSubscription.class);
    private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;
    private final String channel;
    private final Consumer<String> receiver;
    private final AtomicReference<ReactiveRedisSubscriber> current = new AtomicReference<>();

    public ChannelSubscription(ReactiveRedisDataSource redis, String channel, Consumer<String> receiver) {
        this.redis = redis;
        this.channel = channel;
        this.receiver = receiver;
    }

    /** Subscribes without waiting; a failure is logged. */
    public void start() {
        renewal().subscribe().with(current::set,
                failure -> LOG.warnf("cannot subscribe to %s: %s", channel, failure.toString()));
    }

    /** Subscribes again and returns once Redis confirmed it; throws if that takes over 2 s. Blocking. */
    public void renew() {
        current.set(renewal().await().atMost(CONFIRMATION_TIMEOUT));
    }

    public void stop() {
        drop(current.getAndSet(null));
    }

    private Uni<ReactiveRedisSubscriber> renewal() {
        drop(current.getAndSet(null));
        return redis.pubsub(String.class).subscribe(channel, receiver);
    }

    private static void drop(ReactiveRedisSubscriber subscriber) {
        if (subscriber != null) {
            subscriber.unsubscribe().subscribe().with(done -> { }, failure -> { });
        }
    }
}
