package io.careboard.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The WebSocket {@code /api/v1/analytics/ws} and the pipeline that pushes metric updates through it. */
@ConfigMapping(prefix = "careboard.realtime")
public interface RealtimeConfig {

    /**
     * How long changes to one topic are merged after the first one: the first change after a quiet
     * window is pushed at once, later ones inside the window become one trailing update.
     */
    @WithDefault("250ms")
    Duration coalescingWindow();

    /** How many metric recomputations for pushes run at once on this replica (each holds a database connection). */
    @WithDefault("2")
    int recomputeConcurrency();

    /**
     * The longest a recomputation may hold its cluster-wide claim; a replica that dies mid-way
     * blocks that key's updates for at most this long.
     */
    @WithDefault("30s")
    Duration claimLease();

    /**
     * How often the server pings each client (WebSocket ping frames; browsers answer them by
     * themselves). The pings are spread over the interval in slices of about a second.
     */
    @WithDefault("30s")
    Duration heartbeatInterval();

    /** A connection from which nothing (message or pong) arrived for this long is closed. */
    @WithDefault("75s")
    Duration idleTimeout();

    /**
     * The largest client message in UTF-8 bytes; a larger one closes the connection with 1009. It
     * must stay below Vert.x's buffering limits ({@code quarkus.websockets-next.server.max-frame-size}
     * and {@code max-message-size}), past which a connection is cut off without a close code.
     */
    @WithDefault("4096")
    int maxMessageBytes();

    /**
     * The most topic × period × time-zone subscriptions one connection may hold (every topic in
     * every period of one zone is 20); each costs a recomputation per change cluster-wide.
     */
    @WithDefault("20")
    int maxSubscriptions();

    /** The per-connection limit on client messages. */
    RateLimit rateLimit();

    /** The per-connection buffer that keeps a slow client from holding up the others. */
    Outbox outbox();

    /** The cluster-wide subscription set and update channel in Redis. */
    Cluster cluster();

    /** What clients are told when the server stops. */
    GoingAway goingAway();

    interface RateLimit {
        /** Messages a client may send per second, sustained. */
        @WithDefault("10")
        int messagesPerSecond();

        /** Messages a client may send in one burst. */
        @WithDefault("20")
        int burst();
    }

    interface Outbox {
        /**
         * Frames handed to the socket and not yet written. Past it, updates wait in the outbox,
         * where a newer value of the same topic and period replaces the waiting one.
         */
        @WithDefault("8")
        int maxInFlight();

        /** Replies (METRICS, PONG, ERROR) that may wait; past it, new ones are dropped. */
        @WithDefault("64")
        int maxQueuedReplies();
    }

    interface Cluster {
        /** How long a replica's subscriptions stay in Redis without being renewed; a dead replica's vanish after it. */
        @WithDefault("30s")
        Duration subscriptionTtl();

        /**
         * The Redis pub/sub channel that carries every update to every replica; the Redis database
         * number is appended ({@code careboard:realtime:updates:0}), as channels span databases.
         */
        @WithDefault("careboard:realtime:updates")
        String updatesChannel();
    }

    interface GoingAway {
        /** The shortest {@code retry_after_ms} a client is given at shutdown. */
        @WithDefault("1s")
        Duration retryAfterMin();

        /** The longest {@code retry_after_ms}; each client gets a random delay in between, so they do not reconnect together. */
        @WithDefault("10s")
        Duration retryAfterMax();

        /** How long shutdown waits for GOING_AWAY to be written before closing the sockets. */
        @WithDefault("2s")
        Duration drainTimeout();
    }
}
