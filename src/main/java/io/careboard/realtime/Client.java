package io.careboard.realtime;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** One open connection: its outbox, rate limit, subscriptions and liveness. */
final class Client {

    private final WebSocketConnection connection;
    private final EventLoop loop;
    private final Outbox outbox;
    private final RateLimiter limiter;
    private final Set<SubscriptionKey> subscriptions = new HashSet<>(8);
    private volatile long lastHeardNanos;
    private boolean rateLimited;
    private long expiryTimer = -1;

    Client(WebSocketConnection connection, EventLoop loop, Outbox outbox, RateLimiter limiter, long nowNanos) {
        this.connection = connection;
        this.loop = loop;
        this.outbox = outbox;
        this.limiter = limiter;
        this.lastHeardNanos = nowNanos;
    }

    WebSocketConnection connection() {
        return connection;
    }

    /** An event-loop thread and a Vert.x context that runs tasks on it. */
    record EventLoop(Thread thread, Context context) {
        /** The event loop of the calling thread (a connection's callback). */
        static EventLoop current() {
            return new EventLoop(Thread.currentThread(), Vertx.currentContext());
        }
    }

    String id() {
        return connection.id();
    }

    /** The event loop that owns the connection's socket: writes from it need no hand-over. */
    EventLoop loop() {
        return loop;
    }

    Outbox outbox() {
        return outbox;
    }

    /** Something (a message or a pong) arrived from the client. */
    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /**
     * Admits a message under the rate limit. {@link Admission#REFUSED_FIRST} is the first refusal
     * after admitted messages, which the client is told about; later refusals are silent.
     */
    Admission admit(long nowNanos) {
        if (limiter.tryAcquire(nowNanos)) {
            rateLimited = false;
            return Admission.ADMITTED;
        }
        boolean first = !rateLimited;
        rateLimited = true;
        return first ? Admission.REFUSED_FIRST : Admission.REFUSED;
    }

    long millisUntilAdmitted() {
        return limiter.millisUntilNext();
    }

    enum Admission {
        ADMITTED, REFUSED_FIRST, REFUSED
    }

    /** Adds subscriptions up to {@code limit} in all; the ones that are new, or null when the limit would be passed. */
    synchronized List<SubscriptionKey> subscribe(List<SubscriptionKey> keys, int limit) {
        List<SubscriptionKey> added = keys.stream().filter(key -> !subscriptions.contains(key)).toList();
        if (subscriptions.size() + added.size() > limit) {
            return null;
        }
        subscriptions.addAll(added);
        return added;
    }

    /** Removes the subscriptions that match; the ones removed. */
    synchronized List<SubscriptionKey> unsubscribe(Predicate<SubscriptionKey> matching) {
        List<SubscriptionKey> removed = new ArrayList<>();
        subscriptions.removeIf(key -> matching.test(key) && removed.add(key));
        return removed;
    }

    synchronized List<SubscriptionKey> subscriptions() {
        return List.copyOf(subscriptions);
    }

    synchronized void expiryTimer(long timerId) {
        expiryTimer = timerId;
    }

    synchronized long expiryTimer() {
        return expiryTimer;
    }
}
