package io.careboard.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.careboard.problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The server messages other than metric values (those are written by {@link MetricFrames}), as
 * records serialised with the API's JSON conventions (snake_case).
 */
public sealed interface ServerMessage {

    MessageType type();

    /**
     * Sent once the connection is open.
     *
     * @param heartbeatIntervalMs how often the server pings; a client that answers nothing for
     *                            {@code idleTimeoutMs} is disconnected
     * @param maxMessageBytes     the largest message the client may send (larger: close 1009)
     * @param topics              what can be subscribed to
     * @param currency            the currency of every amount in the {@code data} of updates
     */
    @RegisterForReflection
    record Welcome(MessageType type, String connectionId, Instant serverTime, long heartbeatIntervalMs,
            long idleTimeoutMs, int maxMessageBytes, List<String> topics, String currency) implements ServerMessage {
    }

    /** The answer to {@code ping}; {@code id} echoes the request's. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(MessageType type, String id, Instant serverTime) implements ServerMessage {
    }

    /**
     * A message that could not be carried out; the connection stays open.
     *
     * @param code         {@code malformed_message}, {@code unknown_action}, {@code invalid_message},
     *                     {@code too_many_subscriptions}, {@code rate_limited} or {@code unavailable}
     * @param errors       the bad fields, as in problem details
     * @param retryAfterMs for {@code rate_limited} and {@code unavailable}: when to try again
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(MessageType type, String id, String code, String message, List<FieldError> errors,
            Long retryAfterMs) implements ServerMessage {
    }

    /** The server is stopping: reconnect (to another replica) after {@code retryAfterMs}. */
    @RegisterForReflection
    record GoingAway(MessageType type, long retryAfterMs) implements ServerMessage {
    }
}
