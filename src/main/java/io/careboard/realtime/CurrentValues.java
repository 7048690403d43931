package io.careboard.realtime;

import io.careboard.cache.AnswerCache;
import io.careboard.cache.RedisAvailability;
import io.careboard.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers {@code METRICS}: a key's current value from the answer cache (as REST would answer it)
 * with the key's current {@code seq}. The number is read before the value, so the value is at
 * least as new as the number says; a client that keeps the highest {@code seq} per key and
 * ignores anything not above it never goes back to an older value.
 */
@Singleton
public class CurrentValues {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AnswerCache answers;
    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;
    private final Sequences sequences;
    private final UpdatePublisher publisher;
    private final Replies replies;
    private final Clock clock;
    /** Counters read from Redis, for keys with nothing delivered here yet. */
    private final Map<String, Long> counters = new ConcurrentHashMap<>();
    private final Map<String, Uni<Long>> reading = new ConcurrentHashMap<>();

    CurrentValues(AnswerCache answers, ReactiveRedisDataSource redis, RedisAvailability availability,
            Sequences sequences, UpdatePublisher publisher, Replies replies, Clock clock) {
        this.answers = answers;
        this.redis = redis;
        this.availability = availability;
        this.sequences = sequences;
        this.publisher = publisher;
        this.replies = replies;
        this.clock = clock;
    }

    /** Sends the client one {@code METRICS} per key, or an {@code ERROR} for a key that cannot be computed now. */
    void send(Client client, List<SubscriptionKey> keys, String id) {
        for (SubscriptionKey key : keys) {
            seq(key).chain(seq -> answers.answer(key.query(clock.instant())).map(answer -> {
                if (seq == 0) {
                    publisher.baseline(key, answer);
                }
                return MetricFrames.close(MetricFrames.open(MessageType.METRICS, key, answer, clock.instant(), id), seq);
            })).subscribe().with(frame -> client.outbox().reply(frame),
                    failure -> replies.send(client, unavailable(key, id, failure)));
        }
    }


    /**
     * The key's current number: the highest delivered here, which every update passes through. A
     * replica that has delivered none for the key since it started reads Redis's counter once.
     * Either may lag behind an update still on its way, which is safe: the client then also gets
     * that update.
     */
    private Uni<Long> seq(SubscriptionKey key) {
        String wire = key.wire();
        long delivered = sequences.highest(wire);
        Long counted = counters.get(wire);
        if (delivered > 0 || counted != null || !availability.isUp()) {
            return Uni.createFrom().item(Math.max(delivered, counted == null ? 0 : counted));
        }
        return reading.computeIfAbsent(wire, k -> redis.execute("HGET", UpdatePublisher.SEQ_PREFIX + wire, "seq")
                .ifNoItem().after(TIMEOUT).fail()
                .map(reply -> reply == null ? 0L : reply.toLong())
                .invoke(value -> counters.put(wire, value))
                .onFailure().recoverWithItem(0L)
                .onTermination().invoke(() -> reading.remove(k))
                .memoize().indefinitely())
                .map(value -> Math.max(value, sequences.highest(wire)));
    }

    private static ServerMessage.Error unavailable(SubscriptionKey key, String id, Throwable failure) {
        Long retryAfter = failure instanceof ProblemException.RetryLater later ? later.retryAfter().toMillis() : null;
        return new ServerMessage.Error(MessageType.ERROR, id, "unavailable",
                key.topic().wire() + " for " + key.period().wire() + " cannot be computed now", null, retryAfter);
    }
}
