package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.careboard.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The handshake of {@code /api/v1/analytics/ws}: refused with 401 without a valid token and 403
 * with a token of another role; a viewer or admin token opens it, as a header or inside
 * {@code Sec-WebSocket-Protocol}; a token that expires during the session closes it with 1008.
 */
@QuarkusTest
class SocketSecurityTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith401() {
        assertThat(WsClient.refusal(WsClient.options(port()))).as("no token").isEqualTo(401);
        assertThat(refusalWithHeader("Bearer not-a-jwt")).as("malformed").isEqualTo(401);
        assertThat(refusalWithHeader("Bearer " + TestTokens.foreignSigned(TestTokens.VIEWER))).as("foreign key")
                .isEqualTo(401);
        assertThat(refusalWithHeader("Bearer " + TestTokens.expiringIn(Duration.ofMinutes(-5), TestTokens.VIEWER)))
                .as("expired").isEqualTo(401);
        assertThat(WsClient.refusal(WsClient.options(port()).setSubProtocols(WsClient.carrier("not-a-jwt"))))
                .as("malformed, as a subprotocol").isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheViewerRoleIsRefusedWith403() {
        assertThat(refusalWithHeader(TestTokens.bearer(TestTokens.INGEST))).isEqualTo(403);
        assertThat(WsClient.refusal(WsClient.options(port())
                .setSubProtocols(WsClient.carrier(TestTokens.forRoles(TestTokens.INGEST))))).isEqualTo(403);
    }

    @Test
    void viewersAndAdminsConnectWithTheTokenInAHeader() {
        for (String role : new String[] { TestTokens.VIEWER, TestTokens.ADMIN }) {
            try (WsClient client = WsClient.connect(port(), TestTokens.forRoles(role))) {
                JsonObject welcome = client.next("WELCOME");
                assertThat(welcome.getString("connection_id")).isNotBlank();
            }
        }
    }

    @Test
    void browsersConnectWithTheTokenInTheSubprotocolHeader() {
        try (WsClient client = WsClient.connectWithSubprotocol(port(), TestTokens.forRoles(TestTokens.VIEWER))) {
            client.next("WELCOME");
            assertThat(client.subprotocol()).isEqualTo("bearer-token-carrier");
        }
    }

    @Test
    void aTokenThatExpiresDuringTheSessionClosesItWith1008() {
        // Accepted for mp.jwt.verify.clock.skew (60 s) after its exp: this one has 5 s of that left.
        String expiring = TestTokens.expiringIn(Duration.ofSeconds(-55), TestTokens.VIEWER);
        try (WsClient client = WsClient.connect(port(), expiring)) {
            client.next("WELCOME");
            assertThat(client.closeCode()).isEqualTo(1008);
        }
    }

    private int refusalWithHeader(String authorization) {
        return WsClient.refusal(WsClient.options(port()).addHeader("Authorization", authorization));
    }

    private int port() {
        return base.getPort();
    }
}
