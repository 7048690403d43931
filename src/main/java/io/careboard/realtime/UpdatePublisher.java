package io.careboard.realtime;

import io.careboard.cache.Answer;
import io.careboard.cache.RedisAvailability;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a recomputed value once for the whole cluster. One Redis script compares the value
 * with the last one published for the key (an unchanged value is not pushed), numbers it
 * ({@code seq}, one counter per key) and publishes it on the updates channel, so the numbers on
 * the channel always rise. Every replica, this one included, then delivers it to its own
 * subscribers ({@link UpdateChannel}). While Redis is down the value is numbered here and
 * delivered to this replica's subscribers only.
 */
@Singleton
public class UpdatePublisher {

    static final String SEQ_PREFIX = "careboard:realtime:seq:";
    /** A key's counter outlives its last update by this much; afterwards {@link Sequences} keeps numbers rising. */
    private static final Duration SEQ_LIFETIME = Duration.ofDays(7);

    /**
     * KEYS[1]: the key's counter hash {seq, etag}. ARGV: etag, channel, "key\nframe without seq",
     * lifetime in ms, the highest seq this replica saw. Answers the seq, or -1 when unchanged.
     */
    private static final String PUBLISH = """
            if redis.call('hget', KEYS[1], 'etag') == ARGV[1] then return -1 end
            local seq = redis.call('hincrby', KEYS[1], 'seq', 1)
            local floor = tonumber(ARGV[5])
            if seq <= floor then
              seq = floor + 1
              redis.call('hset', KEYS[1], 'seq', seq)
            end
            redis.call('hset', KEYS[1], 'etag', ARGV[1])
            redis.call('pexpire', KEYS[1], ARGV[4])
            redis.call('publish', ARGV[2], seq .. ' ' .. ARGV[3])
            return seq""";

    /** KEYS[1]: the key's counter hash. ARGV: etag, lifetime in ms. Sets the etag only if none was published. */
    private static final String BASELINE = """
            redis.call('hsetnx', KEYS[1], 'etag', ARGV[1])
            redis.call('pexpire', KEYS[1], ARGV[2])""";

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final RedisAvailability availability;
    private final Sequences sequences;
    private final Fanout fanout;
    private final Clock clock;
    private final String channel;
    private final Map<String, String> publishedLocally = new ConcurrentHashMap<>();

    UpdatePublisher(ReactiveRedisDataSource reactive, RedisDataSource redis, RedisAvailability availability,
            Sequences sequences, Fanout fanout, Clock clock, UpdateChannel updates) {
        this.reactive = reactive;
        this.redis = redis;
        this.availability = availability;
        this.sequences = sequences;
        this.fanout = fanout;
        this.clock = clock;
        this.channel = updates.name();
    }

    /** Publishes the new value of {@code key}; false when it equals the last one. Blocking. */
    boolean publish(SubscriptionKey key, Answer answer) {
        String wire = key.wire();
        String opened = MetricFrames.open(MessageType.updateOf(key.topic()), key, answer, clock.instant(), null);
        if (availability.isUp()) {
            try {
                Response seq = redis.execute("EVAL", PUBLISH, "1", SEQ_PREFIX + wire, answer.etag(), channel,
                        wire + '\n' + opened, Long.toString(SEQ_LIFETIME.toMillis()),
                        Long.toString(sequences.highest(wire)));
                return seq.toLong() >= 0;
            } catch (RuntimeException failure) {
                availability.markDown(failure);
            }
        }
        if (answer.etag().equals(publishedLocally.put(wire, answer.etag()))) {
            return false;
        }
        long seq = sequences.next(wire);
        fanout.deliver(wire, MetricFrames.close(opened, seq));
        return true;
    }

    /**
     * For a key never published: the value clients were given (as {@code METRICS}) becomes the one
     * the first update is compared with, so a first recomputation that changes nothing is not
     * pushed. Does not block.
     */
    void baseline(SubscriptionKey key, Answer answer) {
        if (availability.isUp()) {
            reactive.execute("EVAL", BASELINE, "1", SEQ_PREFIX + key.wire(), answer.etag(),
                    Long.toString(SEQ_LIFETIME.toMillis())).subscribe().with(done -> { }, failure -> { });
        }
    }
}
