package io.careboard.realtime;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Closes a connection with 1008 (policy violation) when the token it was opened with expires: at
 * the token's {@code exp} plus {@code mp.jwt.verify.clock.skew}, the moment from which the same
 * token would no longer open a connection (an earlier close would only make the client reconnect
 * with it). One Vert.x timer per connection, cancelled when it closes.
 */
@Singleton
public class TokenExpiry {

    static final CloseReason EXPIRED = new CloseReason(1008, "token expired");

    private final Vertx vertx;
    private final long skewMillis;

    TokenExpiry(Vertx vertx,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") int skewSeconds) {
        this.vertx = vertx;
        this.skewMillis = skewSeconds * 1000L;
    }

    /** Starts the client's timer, from the expiry {@link HandshakeCheck} recorded. */
    void watch(Client client) {
        WebSocketConnection connection = client.connection();
        Long expires = connection.userData().get(HandshakeCheck.TOKEN_EXPIRES);
        if (expires == null) {
            return;
        }
        // Wall-clock time, as the token's verification uses, whatever the application clock says.
        long delay = expires * 1000 + skewMillis - System.currentTimeMillis();
        if (delay < 1) {
            close(connection);
        } else {
            client.expiryTimer(vertx.setTimer(delay, timer -> close(connection)));
        }
    }

    void forget(Client client) {
        vertx.cancelTimer(client.expiryTimer());
    }

    private static void close(WebSocketConnection connection) {
        connection.close(EXPIRED).subscribe().with(done -> { }, failure -> { });
    }
}
