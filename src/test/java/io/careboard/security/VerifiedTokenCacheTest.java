package io.careboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** What is remembered and for how long, against a validator that counts its calls. */
class VerifiedTokenCacheTest {

    /** Accepts tokens named "good-<exp>" (exp in epoch seconds) and rejects the rest. */
    static final class CountingValidator extends MpJwtValidator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                io.quarkus.security.identity.AuthenticationRequestContext context) {
            calls.incrementAndGet();
            String token = request.getToken().getToken();
            if (!token.startsWith("good-")) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            long exp = Long.parseLong(token.substring("good-".length()));
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(principal(exp))
                    .addRole("analytics-viewer").build());
        }
    }

    private static JsonWebToken principal(long exp) {
        Map<String, Object> claims = Map.of("exp", exp, "upn", "viewer");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "viewer";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private final CountingValidator validator = new CountingValidator();

    private VerifiedTokenCache cache(int maxEntries) {
        return new VerifiedTokenCache(validator, () -> () -> maxEntries);
    }

    private static SecurityIdentity authenticate(VerifiedTokenCache cache, String token) {
        return cache.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await().indefinitely();
    }

    private static String goodFor(long seconds) {
        return "good-" + (System.currentTimeMillis() / 1000 + seconds);
    }

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        VerifiedTokenCache cache = cache(10);
        String token = goodFor(3600);
        SecurityIdentity first = authenticate(cache, token);
        assertThat(authenticate(cache, token)).isSameAs(first);
        assertThat(validator.calls).hasValue(1);
    }

    @Test
    void aTokenPastItsExpiryIsVerifiedEveryTime() {
        VerifiedTokenCache cache = cache(10);
        String expired = goodFor(0);
        authenticate(cache, expired);
        authenticate(cache, expired);
        assertThat(validator.calls).hasValue(2);
    }

    @Test
    void aRejectedTokenIsNeverRemembered() {
        VerifiedTokenCache cache = cache(10);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticate(cache, "forged")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(validator.calls).hasValue(2);
    }

    @Test
    void whenFullNewTokensAreVerifiedEveryTimeAndRememberedOnesStillHit() {
        VerifiedTokenCache cache = cache(1);
        String remembered = goodFor(3600);
        String other = goodFor(1800);
        authenticate(cache, remembered);
        authenticate(cache, other);
        authenticate(cache, other);
        authenticate(cache, remembered);
        assertThat(validator.calls).hasValue(3);
    }

    @Test
    void zeroEntriesTurnsTheMemoryOff() {
        VerifiedTokenCache cache = cache(0);
        String token = goodFor(3600);
        authenticate(cache, token);
        authenticate(cache, token);
        assertThat(validator.calls).hasValue(2);
    }
}
