package io.careboard.realtime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * One timer for every connection: each {@code heartbeat-interval} the server pings every client
 * (which keeps proxies from closing quiet sockets and makes clients answer with a pong), and
 * closes the connections from which nothing arrived for {@code idle-timeout}: their peer is gone.
 */
@Singleton
public class Heartbeat {

    static final CloseReason IDLE = new CloseReason(1000, "idle timeout");

    private final Clients clients;
    private final Vertx vertx;
    private final Duration interval;
    private final long idleNanos;
    private long timer = -1;

    Heartbeat(Clients clients, Vertx vertx, RealtimeConfig config) {
        this.clients = clients;
        this.vertx = vertx;
        this.interval = config.heartbeatInterval();
        this.idleNanos = config.idleTimeout().toNanos();
    }

    void onStart(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(interval.toMillis(), tick -> beat());
    }

    void onStop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    void beat() {
        long now = System.nanoTime();
        for (Client client : clients.all()) {
            var connection = client.connection();
            if (now - client.lastHeardNanos() > idleNanos) {
                connection.close(IDLE).subscribe().with(done -> { }, failure -> { });
            } else {
                connection.sendPing(Buffer.buffer("hb")).subscribe().with(done -> { }, failure -> { });
            }
        }
    }
}
