package io.careboard.realtime;

import io.careboard.api.PlatformConfig;
import io.careboard.metrics.MetricFamily;
import io.careboard.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The WebSocket of contract §5. The handshake needs a viewer (or admin) token, as an
 * {@code Authorization} header or carried in {@code Sec-WebSocket-Protocol}; without one it is
 * refused with 401, with another role 403. When the token expires the socket is closed with 1008.
 * Everything runs on the connection's event loop and only hands work on.
 */
@WebSocket(path = "/api/v1/analytics/ws")
@RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
public class AnalyticsSocket {

    /** Policy violation: the token the connection was opened with has expired. */
    static final CloseReason TOKEN_EXPIRED = new CloseReason(1008, "token expired");

    private final Clients clients;
    private final RequestHandler requests;
    private final Replies replies;
    private final SecurityIdentity identity;
    private final Vertx vertx;
    private final Clock clock;
    private final RealtimeConfig config;
    private final List<String> topics = MetricFamily.topics().stream().map(MetricFamily::wire).toList();
    private final String currency;

    AnalyticsSocket(Clients clients, RequestHandler requests, Replies replies, SecurityIdentity identity,
            Vertx vertx, Clock clock, RealtimeConfig config, PlatformConfig platform) {
        this.clients = clients;
        this.requests = requests;
        this.replies = replies;
        this.identity = identity;
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.currency = platform.currency();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        Client client = clients.open(connection);
        closeWhenTokenExpires(client);
        replies.send(client, new ServerMessage.Welcome(MessageType.WELCOME, connection.id(), clock.instant(),
                config.heartbeatInterval().toMillis(), config.idleTimeout().toMillis(), config.maxMessageBytes(),
                topics, currency));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        Client client = clients.get(connection);
        if (client != null) {
            requests.handle(client, text);
        }
    }

    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        Client client = clients.get(connection);
        if (client != null) {
            client.heard(System.nanoTime());
        }
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        clients.closed(connection);
    }

    private void closeWhenTokenExpires(Client client) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0) {
            return;
        }
        long delay = token.getExpirationTime() * 1000 - clock.millis();
        WebSocketConnection connection = client.connection();
        if (delay < 1) {
            connection.close(TOKEN_EXPIRED).subscribe().with(done -> { }, failure -> { });
            return;
        }
        client.expiryTimer(vertx.setTimer(delay,
                timer -> connection.close(TOKEN_EXPIRED).subscribe().with(done -> { }, failure -> { })));
    }
}
