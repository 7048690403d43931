package io.careboard.problem;

import java.time.Duration;
import java.util.List;

/**
 * A failure that the API answers with a problem-details body. The subclasses name the kinds
 * of failure; {@link ProblemMapper} holds the one table from kind to HTTP status.
 */
public abstract sealed class ProblemException extends RuntimeException {

    private final List<FieldError> errors;

    protected ProblemException(String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Bad input: 400, with every bad field. */
    public static final class InvalidInput extends ProblemException {
        public InvalidInput(List<FieldError> errors) {
            super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid fields", errors);
        }

        public InvalidInput(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }
    }

    /** Well-formed input that refers to something Careboard does not know: 422. */
    public static final class UnknownReference extends ProblemException {
        public UnknownReference(String field, String message) {
            super(field + ": " + message, List.of(new FieldError(field, message)));
        }
    }

    /** The request conflicts with a concurrent one: 409, safe to retry. */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(detail, List.of());
        }
    }

    /** A failure the client should retry after a while: 429 or 503 with {@code Retry-After}. */
    public abstract static sealed class RetryLater extends ProblemException {
        private final Duration retryAfter;

        protected RetryLater(String detail, Duration retryAfter) {
            super(detail, List.of());
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The caller is over its rate limit: 429. */
    public static final class RateLimited extends RetryLater {
        public RateLimited(String detail, Duration retryAfter) {
            super(detail, retryAfter);
        }
    }

    /** A dependency (PostgreSQL) is down and no cached answer exists: 503. */
    public static final class Unavailable extends RetryLater {
        public Unavailable(String detail, Duration retryAfter) {
            super(detail, retryAfter);
        }
    }
}
