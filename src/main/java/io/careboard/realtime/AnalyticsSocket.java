package io.careboard.realtime;

import io.careboard.api.PlatformConfig;
import io.careboard.metrics.MetricFamily;
import io.careboard.security.Roles;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The WebSocket of contract §5. The handshake needs a viewer (or admin) token, as an
 * {@code Authorization} header or carried in {@code Sec-WebSocket-Protocol}; without one it is
 * refused with 401, with another role 403. When the token expires the socket is closed with 1008.
 * Everything runs on the connection's event loop and only hands work on.
 */
@WebSocket(path = AnalyticsSocket.PATH)
@RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
public class AnalyticsSocket {

    static final String PATH = "/api/v1/analytics/ws";
    static final CloseReason MESSAGE_TOO_BIG = new CloseReason(1009, "message too big");
    private static final CloseReason SERVER_ERROR = new CloseReason(1011, "server error");
    private static final Logger LOG = Logger.getLogger(AnalyticsSocket.class);

    private final Clients clients;
    private final RequestHandler requests;
    private final Replies replies;
    private final TokenExpiry expiry;
    private final Clock clock;
    private final RealtimeConfig config;
    private final List<String> topics = MetricFamily.topics().stream().map(MetricFamily::wire).toList();
    private final String currency;

    AnalyticsSocket(Clients clients, RequestHandler requests, Replies replies, TokenExpiry expiry, Clock clock,
            RealtimeConfig config, PlatformConfig platform) {
        this.clients = clients;
        this.requests = requests;
        this.replies = replies;
        this.expiry = expiry;
        this.clock = clock;
        this.config = config;
        this.currency = platform.currency();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        Client client = clients.open(connection);
        expiry.watch(client);
        replies.send(client, new ServerMessage.Welcome(MessageType.WELCOME, connection.id(), clock.instant(),
                config.heartbeatInterval().toMillis(), config.idleTimeout().toMillis(), config.maxMessageBytes(),
                topics, currency));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        if (tooBig(text)) {
            connection.close(MESSAGE_TOO_BIG).subscribe().with(done -> { }, failure -> { });
            return;
        }
        Client client = clients.get(connection);
        if (client != null) {
            requests.handle(client, text);
        }
    }

    /**
     * A message past Vert.x's own limits ({@code quarkus.websockets-next.server.max-frame-size} and
     * {@code max-message-size}): the connection ends; with 1009 when it is still open.
     */
    @OnError
    @NonBlocking
    void failed(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("connection %s failed: %s", connection.id(), failure.toString());
        if (!connection.isClosed()) {
            connection.close(failure instanceof CorruptedWebSocketFrameException || failure instanceof IllegalStateException
                    ? MESSAGE_TOO_BIG : SERVER_ERROR).subscribe().with(done -> { }, closed -> { });
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


    /** Whether the message passes {@code careboard.realtime.max-message-bytes} in UTF-8. */
    private boolean tooBig(String text) {
        int max = config.maxMessageBytes();
        // A char is at most 3 UTF-8 bytes (a surrogate pair is 2 chars for 4 bytes): short texts need no count.
        return text.length() > max || text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max;
    }
}
