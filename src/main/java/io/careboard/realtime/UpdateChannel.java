package io.careboard.realtime;

import io.careboard.cache.RedisAvailability;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Receives every published update ({@code "<seq> <key>\n<frame without seq>"}, see
 * {@link UpdatePublisher}) and delivers it to this replica's subscribers, without recomputing.
 */
@Singleton
public class UpdateChannel {

    private static final Logger LOG = Logger.getLogger(UpdateChannel.class);

    private final ReactiveRedisDataSource redis;
    private final Sequences sequences;
    private final Fanout fanout;
    private final String channel;
    private final AtomicReference<ReactiveRedisSubscriber> subscriber = new AtomicReference<>();

    UpdateChannel(ReactiveRedisDataSource redis, Sequences sequences, Fanout fanout, RealtimeConfig config) {
        this.redis = redis;
        this.sequences = sequences;
        this.fanout = fanout;
        this.channel = config.cluster().updatesChannel();
    }

    void onStart(@Observes StartupEvent start) {
        subscribe();
    }

    void onRedisChange(@Observes RedisAvailability.Changed change) {
        if (change.up()) {
            subscribe();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        unsubscribe(subscriber.getAndSet(null));
    }

    private void subscribe() {
        unsubscribe(subscriber.getAndSet(null));
        redis.pubsub(String.class).subscribe(channel, this::receive).subscribe().with(subscriber::set,
                failure -> LOG.warnf("cannot subscribe to %s: %s", channel, failure.toString()));
    }

    private static void unsubscribe(ReactiveRedisSubscriber previous) {
        if (previous != null) {
            previous.unsubscribe().subscribe().with(done -> { }, failure -> { });
        }
    }

    void receive(String message) {
        int space = message.indexOf(' ');
        int newline = message.indexOf('\n', space + 1);
        if (space < 1 || newline < 0) {
            LOG.warnf("ignoring a malformed update on %s", channel);
            return;
        }
        long seq = Long.parseLong(message, 0, space, 10);
        String wire = message.substring(space + 1, newline);
        if (sequences.deliver(wire, seq)) {
            fanout.deliver(wire, MetricFrames.close(message.substring(newline + 1), seq));
        }
    }
}
