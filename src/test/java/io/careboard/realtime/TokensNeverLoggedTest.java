package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.careboard.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With DEBUG logging on for the HTTP, WebSocket, security and JWT layers and the access log on,
 * no handshake (accepted, refused, expiring) writes its bearer token to the log, whether the token
 * came as a header or inside {@code Sec-WebSocket-Protocol}.
 */
@QuarkusTest
@TestProfile(TokensNeverLoggedTest.DebugLogging.class)
class TokensNeverLoggedTest {

    public static class DebugLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.category.\"io.quarkus.websockets\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.vertx.http\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.security\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG",
                    "quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG",
                    "quarkus.log.category.\"io.vertx\".level", "DEBUG",
                    "quarkus.http.access-log.enabled", "true",
                    "quarkus.http.access-log.pattern", "combined");
        }
    }

    /** Every record, formatted with its parameters and stack trace. */
    static final class Captured extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLoggerName()).append(' ').append(record instanceof ExtLogRecord ext
                    ? ext.getFormattedMessage() : String.valueOf(record.getMessage()));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final Captured captured = new Captured();

    @BeforeEach
    void capture() {
        captured.setLevel(Level.ALL);
        LogContext.getLogContext().getLogger("").addHandler(captured);
    }

    @AfterEach
    void release() {
        LogContext.getLogContext().getLogger("").removeHandler(captured);
    }

    @Test
    void noHandshakeWritesItsTokenToTheLog() {
        String header = TestTokens.forRoles(TestTokens.VIEWER);
        String carried = TestTokens.forCaller("browser-user", TestTokens.VIEWER);
        String wrongRole = TestTokens.forRoles(TestTokens.INGEST);
        String foreign = TestTokens.foreignSigned(TestTokens.VIEWER);
        String expired = TestTokens.expiringIn(Duration.ofMinutes(-5), TestTokens.VIEWER);
        String expiring = TestTokens.expiringIn(Duration.ofSeconds(-50), TestTokens.VIEWER);

        try (WsClient client = WsClient.connect(base.getPort(), header)) {
            client.next("WELCOME");
        }
        try (WsClient client = WsClient.connectWithSubprotocol(base.getPort(), carried)) {
            client.next("WELCOME");
        }
        try (WsClient client = WsClient.connect(base.getPort(), expiring)) {
            client.next("WELCOME");
            assertThat(client.closeCode()).isEqualTo(1008);
        }
        assertThat(WsClient.refusal(WsClient.options(base.getPort()).setSubProtocols(WsClient.carrier(wrongRole))))
                .isEqualTo(403);
        assertThat(WsClient.refusal(WsClient.options(base.getPort()).addHeader("Authorization", "Bearer " + foreign)))
                .isEqualTo(401);
        assertThat(WsClient.refusal(WsClient.options(base.getPort()).setSubProtocols(WsClient.carrier(expired))))
                .isEqualTo(401);

        assertThat(captured.lines).as("something was logged at DEBUG").isNotEmpty();
        for (String token : List.of(header, carried, wrongRole, foreign, expired, expiring)) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            String payload = token.split("\\.")[1];
            assertThat(captured.lines).as("log lines with the signature %s", signature)
                    .noneMatch(line -> line.contains(signature));
            assertThat(captured.lines).as("log lines with the claims %s", payload)
                    .noneMatch(line -> line.contains(payload));
        }
    }
}
