package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.careboard.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat and idle timeout with a one-second heartbeat: a peer that never answers the pings is
 * closed with 1000 "idle timeout" once the timeout passes; a client that answers them (every
 * WebSocket client does, browsers included) stays open.
 */
@QuarkusTest
@TestProfile(IdleTimeoutTest.FastHeartbeat.class)
class IdleTimeoutTest {

    public static class FastHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("careboard.realtime.heartbeat-interval", "1s", "careboard.realtime.idle-timeout", "3s");
        }
    }

    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPeerThatNeverAnswersPingsIsClosedAndOneThatDoesStaysOpen() throws IOException {
        String token = TestTokens.forRoles(TestTokens.VIEWER);
        try (WsClient answering = WsClient.connect(base.getPort(), token);
                Socket silent = new Socket("localhost", base.getPort())) {
            answering.next("WELCOME");
            silent.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
            // Before the handshake: the server's idle clock starts after this instant, never before.
            long opened = System.nanoTime();
            DataInputStream in = handshake(silent, token);

            List<Integer> opcodes = new ArrayList<>();
            byte[] closePayload = null;
            while (closePayload == null) {
                int opcode = in.readUnsignedByte() & 0x0F;
                byte[] payload = payload(in);
                opcodes.add(opcode);
                if (opcode == CLOSE) {
                    closePayload = payload;
                }
            }
            long closedAfterMillis = (System.nanoTime() - opened) / 1_000_000;

            assertThat(opcodes.get(0)).as("WELCOME first").isEqualTo(TEXT);
            assertThat(opcodes).as("pinged before being closed").contains(PING);
            int code = ((closePayload[0] & 0xFF) << 8) | (closePayload[1] & 0xFF);
            assertThat(code).isEqualTo(1000);
            assertThat(new String(closePayload, 2, closePayload.length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("idle timeout");
            assertThat(closedAfterMillis).as("not before the idle timeout").isGreaterThanOrEqualTo(3000);

            answering.send("{\"action\":\"ping\",\"id\":\"still-here\"}");
            assertThat(answering.next("PONG").getString("id")).isEqualTo("still-here");
        }
    }

    /** The opening handshake by hand, so that no library answers the server's pings. */
    private static DataInputStream handshake(Socket socket, String token) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + WsClient.PATH + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return in;
    }

    /** A server frame's payload (servers never mask; the opcode byte was read). */
    private static byte[] payload(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte() & 0x7F;
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[(int) size];
        in.readFully(payload);
        return payload;
    }
}
