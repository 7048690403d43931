package io.careboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Through the HTTP stack: a remembered token passes again, anything not byte-identical is verified. */
@QuarkusTest
class RememberedTokensTest {

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/analytics/overview?period=today")
                .statusCode();
    }

    @Test
    void aTokenWithAnAlteredSignatureIsRefusedAfterTheGenuineOneWasRemembered() {
        String token = TestTokens.forRoles(TestTokens.VIEWER);
        assertThat(status(token)).isEqualTo(200);
        assertThat(status(token)).as("remembered").isEqualTo(200);

        // A character inside the signature (the last one may only carry padding bits).
        int inside = token.length() - 20;
        char original = token.charAt(inside);
        String tampered = token.substring(0, inside) + (original == 'A' ? 'B' : 'A') + token.substring(inside + 1);
        assertThat(status(tampered)).as("same claims, altered signature").isEqualTo(401);
        assertThat(status(TestTokens.foreignSigned(TestTokens.VIEWER))).as("signed by another key").isEqualTo(401);
        assertThat(status(token)).isEqualTo(200);
    }
}
