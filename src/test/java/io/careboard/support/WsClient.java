package io.careboard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (Vert.x) for tests: every text message it receives lands in a queue,
 * read with timeouts; the close code the server sent is kept. The handshake carries a token as
 * an {@code Authorization} header or, as browsers must, inside {@code Sec-WebSocket-Protocol}.
 */
public final class WsClient implements AutoCloseable {

    public static final String PATH = "/api/v1/analytics/ws";
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Vertx VERTX = Vertx.vertx();

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WebSocket socket;

    /** Called on the event loop as the handshake completes, before any frame is read. */
    private WebSocket listen(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.closeHandler(done -> closed.complete(socket.closeStatusCode() == null ? -1
                : (int) socket.closeStatusCode()));
        return socket;
    }

    /** Connects with {@code Authorization: Bearer <token>}. */
    public static WsClient connect(int port, String token) {
        return open(options(port).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects the way a browser must: the token rides in {@code Sec-WebSocket-Protocol}. */
    public static WsClient connectWithSubprotocol(int port, String token) {
        return open(options(port).setSubProtocols(carrier(token)));
    }

    /** The subprotocols that carry a token: {@code bearer-token-carrier} and the encoded header. */
    public static List<String> carrier(String token) {
        return List.of("bearer-token-carrier", URLEncoder.encode(
                "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    public static WebSocketConnectOptions options(int port) {
        return new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(PATH);
    }

    public static WebSocketConnectOptions options(URI base) {
        return options(base.getPort());
    }

    public static WsClient open(WebSocketConnectOptions options) {
        WsClient client = new WsClient();
        Promise<WebSocket> opened = Promise.promise();
        // Connected from an event loop, so listen() is attached before the handshake can complete: from
        // the test thread, a fast server's first frame (WELCOME) could arrive before it and be lost.
        VERTX.runOnContext(nothing -> client().connect(options).map(client::listen).onComplete(opened));
        await(opened.future());
        return client;
    }

    /** The HTTP status with which the server refuses this handshake. */
    public static int refusal(WebSocketConnectOptions options) {
        try {
            WebSocket unexpected = await(client().connect(options));
            unexpected.close();
            return fail("the handshake was accepted");
        } catch (IllegalStateException failure) {
            if (failure.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw failure;
        }
    }

    private static WebSocketClient client() {
        return VERTX.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 24));
    }

    public void send(String text) {
        await(socket.writeTextMessage(text));
    }

    public void send(JsonObject message) {
        send(message.encode());
    }

    /** The next message, failing after {@link #TIMEOUT}. */
    public JsonObject next() {
        return poll(TIMEOUT).orElseGet(() -> fail("no message within " + TIMEOUT));
    }

    /** The next message, which must be of this type. */
    public JsonObject next(String type) {
        JsonObject message = next();
        assertThat(message.getString("type")).as("type of %s", message).isEqualTo(type);
        return message;
    }

    public Optional<JsonObject> poll(Duration timeout) {
        try {
            return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The close code the server sent, waiting for the close. */
    public int closeCode() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException failure) {
            return fail("the connection was not closed within " + TIMEOUT);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public String subprotocol() {
        return socket.subProtocol();
    }

    public String header(String name) {
        return socket.headers() == null ? null : socket.headers().get(name);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failure) {
            throw new IllegalStateException(failure.getCause());
        } catch (InterruptedException | TimeoutException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
