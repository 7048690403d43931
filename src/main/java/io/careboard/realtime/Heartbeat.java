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
 * Pings every client once per {@code heartbeat-interval} (which keeps proxies from closing quiet
 * sockets and makes clients answer with a pong), and closes the connections from which nothing
 * arrived for {@code idle-timeout}: their peer is gone. The interval is cut into slices of about a
 * second and each tick visits one slice, so that 10,000 connections are not pinged in the same
 * instant: such a burst of pings and pongs delayed the updates that met it by 300–500 ms.
 */
@Singleton
public class Heartbeat {

    static final CloseReason IDLE = new CloseReason(1000, "idle timeout");
    /** At most this many ticks per interval: beyond a minute's worth, slices gain nothing. */
    private static final int MAX_SLICES = 60;

    private final Clients clients;
    private final Vertx vertx;
    private final Duration interval;
    private final long idleNanos;
    private final int slices;
    private long timer = -1;
    private long tick;

    Heartbeat(Clients clients, Vertx vertx, RealtimeConfig config) {
        this.clients = clients;
        this.vertx = vertx;
        this.interval = config.heartbeatInterval();
        this.idleNanos = config.idleTimeout().toNanos();
        this.slices = slices(interval);
    }

    /** Ticks per interval: one a second, at least one, at most {@value #MAX_SLICES}. */
    static int slices(Duration interval) {
        return (int) Math.max(1, Math.min(MAX_SLICES, interval.toSeconds()));
    }

    /** The slice a connection belongs to, for good: its ping comes once per interval, at the same phase. */
    static int sliceOf(String connectionId, int slices) {
        return Math.floorMod(connectionId.hashCode(), slices);
    }

    void onStart(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(Math.max(1, interval.toMillis() / slices), ignored -> beat());
    }

    void onStop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    /** One tick: pings (or closes, when idle) the clients of the next slice. */
    void beat() {
        int slice = (int) (tick++ % slices);
        long now = System.nanoTime();
        for (Client client : clients.all()) {
            if (sliceOf(client.id(), slices) != slice) {
                continue;
            }
            var connection = client.connection();
            if (now - client.lastHeardNanos() > idleNanos) {
                connection.close(IDLE).subscribe().with(done -> { }, failure -> { });
            } else {
                connection.sendPing(Buffer.buffer("hb")).subscribe().with(done -> { }, failure -> { });
            }
        }
    }
}
