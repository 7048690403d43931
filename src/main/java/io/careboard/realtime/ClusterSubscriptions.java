package io.careboard.realtime;

import io.careboard.cache.RedisAvailability;
import io.careboard.metrics.MetricFamily;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The keys that have a subscriber anywhere in the cluster, so that a change is recomputed only
 * for what someone watches. One Redis sorted set holds {@code <replica>|<key>} members scored by
 * their expiry (epoch ms); each replica renews its own every third of
 * {@code careboard.realtime.cluster.subscription-ttl}, so a replica that dies without saying so
 * drops out of the set after the TTL (wall-clock time, shared by all replicas). While Redis is
 * down, this replica's own keys still count.
 */
@Singleton
public class ClusterSubscriptions {

    private static final Logger LOG = Logger.getLogger(ClusterSubscriptions.class);
    static final String SET = "careboard:realtime:subscriptions";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String replica = UUID.randomUUID().toString();
    private final Set<SubscriptionKey> announced = ConcurrentHashMap.newKeySet();
    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final RedisAvailability availability;
    private final Vertx vertx;
    private final Duration ttl;
    private long renewal = -1;

    ClusterSubscriptions(ReactiveRedisDataSource reactive, RedisDataSource redis, RedisAvailability availability,
            Vertx vertx, RealtimeConfig config) {
        this.reactive = reactive;
        this.redis = redis;
        this.availability = availability;
        this.vertx = vertx;
        this.ttl = config.cluster().subscriptionTtl();
    }

    void onStart(@Observes StartupEvent start) {
        renewal = vertx.setPeriodic(Math.max(1, ttl.toMillis() / 3), tick -> renew());
    }

    void onRedisChange(@Observes RedisAvailability.Changed change) {
        if (change.up()) {
            renew();
        }
    }

    /** Drops this replica's members, so the others stop recomputing for it at once. Blocking. */
    void onStop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(renewal);
        List<String> members = announced.stream().map(this::member).toList();
        announced.clear();
        if (!members.isEmpty() && availability.isUp()) {
            try {
                List<String> args = new ArrayList<>(members.size() + 1);
                args.add(SET);
                args.addAll(members);
                reactive.execute("ZREM", args.toArray(String[]::new)).await().atMost(TIMEOUT);
            } catch (RuntimeException failure) {
                LOG.debugf("could not withdraw subscriptions at shutdown: %s", failure.toString());
            }
        }
    }

    /** A key gained its first subscriber here. Does not block. */
    void announce(SubscriptionKey key) {
        announced.add(key);
        send("ZADD", SET, Long.toString(expiry()), member(key));
    }

    /** A key lost its last subscriber here. Does not block. */
    void withdraw(SubscriptionKey key) {
        announced.remove(key);
        send("ZREM", SET, member(key));
    }

    /**
     * The keys of {@code topic} that have a subscriber on some replica: the live members in Redis
     * and this replica's own. Blocking.
     */
    Set<SubscriptionKey> live(MetricFamily topic) {
        Set<SubscriptionKey> keys = new HashSet<>();
        announced.stream().filter(key -> key.topic() == topic).forEach(keys::add);
        if (availability.isUp()) {
            try {
                for (Response member : redis.execute("ZRANGEBYSCORE", SET, Long.toString(System.currentTimeMillis()), "+inf")) {
                    String wire = member.toString();
                    SubscriptionKey.parse(wire.substring(wire.indexOf('|') + 1)).filter(key -> key.topic() == topic)
                            .ifPresent(keys::add);
                }
            } catch (RuntimeException failure) {
                availability.markDown(failure);
            }
        }
        return keys;
    }

    private void renew() {
        if (!availability.isUp()) {
            return;
        }
        long now = System.currentTimeMillis();
        send("ZREMRANGEBYSCORE", SET, "-inf", Long.toString(now));
        if (announced.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(SET);
        String score = Long.toString(now + ttl.toMillis());
        for (SubscriptionKey key : announced) {
            args.add(score);
            args.add(member(key));
        }
        send("ZADD", args.toArray(String[]::new));
    }

    private void send(String command, String... args) {
        if (!availability.isUp()) {
            return;
        }
        reactive.execute(command, args).subscribe().with(done -> { }, availability::markDown);
    }

    private long expiry() {
        return System.currentTimeMillis() + ttl.toMillis();
    }

    private String member(SubscriptionKey key) {
        return replica + '|' + key.wire();
    }
}
