package io.careboard.cache;

import io.careboard.problem.ProblemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/** Tells a database outage from other failures, so it can be answered 503 rather than 500. */
final class Failures {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private Failures() {
    }

    /**
     * Whether {@code failure} comes from the database: an {@link SQLException} somewhere in its
     * causes. Connection trouble (SQL state class 08, pool timeouts) means it is unreachable.
     */
    static boolean isDatabaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() == null || sql.getSQLState().startsWith("08")
                    || sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout"))) {
                return true;
            }
            if (cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} comes from talking to Redis: a network or timeout failure, or one
     * raised by the Redis client or the cache around it. Anything else is a bug, not an outage.
     */
    static boolean isRedis(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (cause instanceof java.io.IOException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException || cause instanceof io.vertx.core.VertxException
                    || cause instanceof io.quarkus.cache.CacheException || type.startsWith("io.vertx.redis.")
                    || type.startsWith("io.vertx.core.http.ConnectionPoolTooBusyException")) {
                return true;
            }
        }
        return false;
    }

    static boolean isDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Rethrows a database outage as 503 with Retry-After, anything else as it is. */
    static RuntimeException translate(RuntimeException failure) {
        if (isDatabaseUnreachable(failure)) {
            return new ProblemException.Unavailable("the database is unreachable and no cached answer exists",
                    RETRY_AFTER);
        }
        return failure;
    }
}
