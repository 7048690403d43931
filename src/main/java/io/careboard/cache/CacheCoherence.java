package io.careboard.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps every replica's near-cache coherent with Redis: an invalidation or a replaced answer is
 * announced on a Redis pub/sub channel and each replica drops its local copies. When Redis comes
 * back after an outage, announcements may have been lost, so each replica forgets its local
 * copies and the Redis caches are flushed.
 */
@Singleton
public class CacheCoherence {

    private static final Logger LOG = Logger.getLogger(CacheCoherence.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What changed: whole families, or one entry of one family. */
    @RegisterForReflection
    public record Message(String origin, List<MetricFamily> families, String entry) {
    }

    private final ReactiveRedisDataSource redis;
    private final ChannelSubscription subscription;
    private final AnswerCache answers;
    private final RedisAvailability availability;
    private final RedisKeys keys;
    private final ObjectMapper mapper;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();

    CacheCoherence(ReactiveRedisDataSource redis, AnswerCache answers, RedisAvailability availability,
            RedisKeys keys, ObjectMapper mapper, CacheConfig config) {
        this.redis = redis;
        this.answers = answers;
        this.availability = availability;
        this.keys = keys;
        this.mapper = mapper;
        this.channel = config.redis().invalidationChannel();
        this.subscription = new ChannelSubscription(redis, channel, this::receive);
    }

    void onStart(@Observes StartupEvent start) {
        subscription.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        subscription.stop();
    }

    void onRedisReturning(@Observes RedisAvailability.Returning returning) {
        subscription.renew();
        answers.forgetEverythingLocally();
        answers.invalidate(List.of(MetricFamily.values()));
    }

    void onRedisChange(@Observes RedisAvailability.Changed change) {
        if (!change.up()) {
            answers.forgetEverythingLocally();
        }
    }

    /** Invalidates families everywhere: here, in Redis and in every other replica. Blocking. */
    public long invalidate(Collection<MetricFamily> families) {
        long dropped = answers.invalidate(families);
        publish(new Message(origin, List.copyOf(families), null));
        return dropped;
    }

    /**
     * The answer computed from the database now ({@code BYPASS}); it replaces the cached one here
     * and in Redis, and the other replicas drop their copy. Blocking.
     */
    public Answer refresh(MetricQuery query) {
        Answer answer = answers.refresh(query);
        publish(new Message(origin, List.of(query.family()), keys.entry(query)));
        return answer;
    }

    private void publish(Message message) {
        if (!availability.isUp()) {
            return;
        }
        try {
            redis.pubsub(String.class).publish(channel, mapper.writeValueAsString(message)).await().atMost(TIMEOUT);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        } catch (RuntimeException failure) {
            availability.markDown(failure);
        }
    }

    private void receive(String payload) {
        try {
            Message message = mapper.readValue(payload, Message.class);
            if (origin.equals(message.origin())) {
                return;
            }
            if (message.entry() != null) {
                answers.forgetLocally(message.families().get(0), message.entry());
            } else {
                answers.forgetLocally(message.families());
            }
        } catch (JsonProcessingException malformed) {
            LOG.warnf("ignoring a malformed coherence message on %s", channel);
        }
    }
}
