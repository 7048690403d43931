package io.careboard.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A lock shared by every replica, held in Redis for a lease: a crashed holder's lock lapses when
 * the lease ends, and only the holder's token can release it early.
 */
@Singleton
public class ClusterLock {

    /** Deletes the key only if it still holds the caller's token. */
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end""";

    /** Sets the key's expiry only if it still holds the caller's token. */
    private static final String KEEP = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end""";

    private final RedisDataSource redis;

    ClusterLock(RedisDataSource redis) {
        this.redis = redis;
    }

    /** A held lock; closing it releases it. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final String token;

        private Lease(String key, String token) {
            this.key = key;
            this.token = token;
        }

        @Override
        public void close() {
            redis.execute("EVAL", RELEASE, "1", key, token);
        }

        /**
         * Keeps the lock for {@code remaining} more and then lets it lapse, so nobody else takes
         * it before then; releases it at once when nothing remains.
         */
        public void keepFor(Duration remaining) {
            if (remaining.toMillis() < 1) {
                close();
            } else {
                redis.execute("EVAL", KEEP, "1", key, token, Long.toString(remaining.toMillis()));
            }
        }
    }

    /** The lock named {@code key} for at most {@code lease}, or empty when someone else holds it. */
    public Optional<Lease> tryAcquire(String key, Duration lease) {
        String token = UUID.randomUUID().toString();
        return setIfAbsent(key, token, lease) ? Optional.of(new Lease(key, token)) : Optional.empty();
    }

    /** Claims {@code key} for {@code lifetime}: true for the first caller only. */
    public boolean claimOnce(String key, Duration lifetime) {
        return setIfAbsent(key, "claimed", lifetime);
    }

    private boolean setIfAbsent(String key, String value, Duration lifetime) {
        Response reply = redis.execute("SET", key, value, "NX", "PX", Long.toString(lifetime.toMillis()));
        return reply != null && "OK".equals(reply.toString());
    }
}
