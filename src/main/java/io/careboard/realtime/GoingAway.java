package io.careboard.realtime;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Tells every client to reconnect elsewhere before the server stops: {@code GOING_AWAY} with a
 * random {@code retry_after_ms} between {@code going-away.retry-after-min} and {@code -max} (so
 * thousands of clients do not come back in the same instant), then a close with 1001. It runs at
 * the start of shutdown ({@link ShutdownDelayInitiatedEvent}, fired before the HTTP server drains,
 * while the sockets are still open), or at {@link ShutdownEvent} if that phase is disabled. From
 * then on {@link HandshakeCheck} refuses new handshakes with 503.
 */
@Singleton
public class GoingAway {

    private static final Logger LOG = Logger.getLogger(GoingAway.class);
    static final CloseReason STOPPING = new CloseReason(1001, "server stopping");

    private final Clients clients;
    private final Replies replies;
    private final RealtimeConfig.GoingAway config;
    private final AtomicBoolean stopping = new AtomicBoolean();

    GoingAway(Clients clients, Replies replies, RealtimeConfig config) {
        this.clients = clients;
        this.replies = replies;
        this.config = config.goingAway();
    }

    void onShutdownStarting(@Observes @Priority(1) ShutdownDelayInitiatedEvent starting) {
        announce();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent stop) {
        announce();
    }

    /** Whether clients were told to go: new handshakes are refused ({@link HandshakeCheck}). */
    boolean isStopping() {
        return stopping.get();
    }

    /** Once: GOING_AWAY to every client, then close; waits at most {@code drain-timeout}. Blocking. */
    void announce() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        long min = config.retryAfterMin().toMillis();
        long max = Math.max(min, config.retryAfterMax().toMillis());
        for (Client client : clients.all()) {
            long retryAfter = ThreadLocalRandom.current().nextLong(min, max + 1);
            String frame = replies.json(new ServerMessage.GoingAway(MessageType.GOING_AWAY, retryAfter));
            closing.add(client.outbox().finish(frame).handle((written, failure) -> null)
                    .thenCompose(written -> client.connection().close(STOPPING).subscribeAsCompletionStage())
                    .toCompletableFuture());
        }
        if (closing.isEmpty()) {
            return;
        }
        LOG.infof("told %d WebSocket clients to reconnect elsewhere", closing.size());
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warnf("some WebSocket clients were not closed within %s", config.drainTimeout());
        } catch (Exception interrupted) {
            LOG.debugf("waiting for WebSocket clients to close: %s", interrupted.toString());
        }
    }
}
