package io.careboard;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/** Bearer tokens for tests, signed with the development key (see config/dev-keys). */
public final class TestTokens {

    public static final String VIEWER = "analytics-viewer";
    public static final String ADMIN = "analytics-admin";
    public static final String INGEST = "ingest";

    private TestTokens() {
    }

    /** A token with these roles, valid for an hour. */
    public static String forRoles(String... roles) {
        return expiringIn(Duration.ofHours(1), roles);
    }

    public static String expiringIn(Duration lifetime, String... roles) {
        return token("test-" + String.join("-", roles), lifetime, roles);
    }

    /** A token of a named caller (its {@code upn}), for per-caller limits. */
    public static String forCaller(String caller, String... roles) {
        return token(caller, Duration.ofHours(1), roles);
    }

    private static String token(String caller, Duration lifetime, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer("careboard-dev").upn(caller).groups(java.util.Set.of(roles))
                .issuedAt(now.minus(Duration.ofMinutes(1))).expiresAt(now.plus(lifetime)).sign();
    }

    /** A well-formed token with these roles, signed by a key the service does not trust. */
    public static String foreignSigned(String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer("careboard-dev").upn("intruder").groups(java.util.Set.of(roles))
                    .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String bearer(String... roles) {
        return "Bearer " + forRoles(roles);
    }
}
