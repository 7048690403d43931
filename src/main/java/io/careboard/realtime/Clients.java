package io.careboard.realtime;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** This replica's open connections, by connection id. */
@Singleton
public class Clients {

    private final Map<String, Client> byId = new ConcurrentHashMap<>();
    /** One per event-loop thread, shared by its connections. */
    private final Map<Thread, Client.EventLoop> loops = new ConcurrentHashMap<>();
    private final LocalSubscriptions subscriptions;
    private final RealtimeMetrics metrics;
    private final RealtimeConfig config;
    private final TokenExpiry expiry;

    Clients(LocalSubscriptions subscriptions, RealtimeMetrics metrics, RealtimeConfig config, TokenExpiry expiry) {
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.config = config;
        this.expiry = expiry;
        metrics.connections(byId::size);
    }

    /** Registers a connection; called on its event loop. */
    Client open(WebSocketConnection connection) {
        long now = System.nanoTime();
        Outbox outbox = new Outbox(connection, config.outbox().maxInFlight(), config.outbox().maxQueuedReplies(),
                metrics);
        RateLimiter limiter = new RateLimiter(config.rateLimit().messagesPerSecond(), config.rateLimit().burst(), now);
        Client.EventLoop loop = loops.computeIfAbsent(Thread.currentThread(), thread -> Client.EventLoop.current());
        Client client = new Client(connection, loop, outbox, limiter, now);
        byId.put(connection.id(), client);
        return client;
    }

    /** The client of an open connection, or null once it closed. */
    Client get(WebSocketConnection connection) {
        return byId.get(connection.id());
    }

    /** Forgets a closed connection and its subscriptions. */
    void closed(WebSocketConnection connection) {
        Client client = byId.remove(connection.id());
        if (client != null) {
            expiry.forget(client);
            subscriptions.remove(client, client.unsubscribe(key -> true));
        }
    }

    Collection<Client> all() {
        return byId.values();
    }
}
