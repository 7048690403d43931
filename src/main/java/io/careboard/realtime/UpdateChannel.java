package io.careboard.realtime;

import io.careboard.cache.ChannelSubscription;
import io.careboard.cache.RedisAvailability;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives every published update ({@code "<seq> <key>\n<frame without seq>"}, see
 * {@link UpdatePublisher}) and delivers it to this replica's subscribers, without recomputing.
 */
@Singleton
public class UpdateChannel {

    private static final Logger LOG = Logger.getLogger(UpdateChannel.class);

    private final ChannelSubscription subscription;
    private final Sequences sequences;
    private final Fanout fanout;
    private final String channel;

    UpdateChannel(ReactiveRedisDataSource redis, Sequences sequences, Fanout fanout, RealtimeConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        this.sequences = sequences;
        this.fanout = fanout;
        this.channel = config.cluster().updatesChannel() + ":" + database(hosts.orElse(""));
        this.subscription = new ChannelSubscription(redis, channel, this::receive);
    }

    /**
     * The channel's name: the configured one and the Redis database number. Pub/sub channels are
     * shared by every database of a Redis server, so deployments that keep their data apart by
     * database (staging and production, parallel tests) must not hear each other's updates.
     */
    String name() {
        return channel;
    }

    /** The database of the first Redis URL ({@code redis://host:port/3} → 3), 0 when it names none. */
    static int database(String hosts) {
        String first = hosts.split(",")[0].trim();
        try {
            String path = URI.create(first).getPath();
            return path == null || path.length() < 2 ? 0 : Integer.parseInt(path.substring(1));
        } catch (IllegalArgumentException unreadable) {
            return 0;
        }
    }

    void onStart(@Observes StartupEvent start) {
        subscription.start();
    }

    void onRedisReturning(@Observes RedisAvailability.Returning returning) {
        subscription.renew();
    }

    void onStop(@Observes ShutdownEvent stop) {
        subscription.stop();
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
