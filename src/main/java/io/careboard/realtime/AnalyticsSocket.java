package io.careboard.realtime;

import io.careboard.api.PlatformConfig;
import io.careboard.metrics.MetricFamily;
import io.careboard.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;

/**
 * The WebSocket of contract §5. The handshake needs a viewer (or admin) token, as an
 * {@code Authorization} header or carried in {@code Sec-WebSocket-Protocol}; without one it is
 * refused with 401, with another role 403. When the token expires the socket is closed with 1008.
 * Everything runs on the connection's event loop and only hands work on.
 */
@WebSocket(path = "/api/v1/analytics/ws")
@RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
public class AnalyticsSocket {

    private final Clients clients;
    private final RequestHandler requests;
    private final Replies replies;
    private final SecurityIdentity identity;
    private final TokenExpiry expiry;
    private final Clock clock;
    private final RealtimeConfig config;
    private final List<String> topics = MetricFamily.topics().stream().map(MetricFamily::wire).toList();
    private final String currency;

    AnalyticsSocket(Clients clients, RequestHandler requests, Replies replies, SecurityIdentity identity,
            TokenExpiry expiry, Clock clock, RealtimeConfig config, PlatformConfig platform) {
        this.clients = clients;
        this.requests = requests;
        this.replies = replies;
        this.identity = identity;
        this.expiry = expiry;
        this.clock = clock;
        this.config = config;
        this.currency = platform.currency();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        Client client = clients.open(connection);
        expiry.watch(client, identity);
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

}
