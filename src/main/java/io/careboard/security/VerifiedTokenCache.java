package io.careboard.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the identity of every bearer token verified (by the MicroProfile JWT validator, which
 * this provider comes before) until the token's {@code exp}: a dashboard sends the same token with
 * every request, and the RS256 check and claim parsing cost more than a cached answer. Keyed by the
 * whole token, signature included, so only a byte-identical token that passed verification hits;
 * a rejected token is never remembered and is verified, and rejected, every time.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final int maxEntries;
    private final Map<String, Remembered> identities = new ConcurrentHashMap<>();

    VerifiedTokenCache(MpJwtValidator validator, SecurityConfig config) {
        this.validator = validator;
        this.maxEntries = config.verifiedTokens().maxEntries();
    }

    private record Remembered(SecurityIdentity identity, long expiresAtSecond) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the JWT validator (the default priority), which it calls on a miss. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        // The validator's own time, not the metrics' clock (tests move that one).
        long now = System.currentTimeMillis() / 1000;
        Remembered remembered = identities.get(token);
        if (remembered != null && now < remembered.expiresAtSecond()) {
            return Uni.createFrom().item(remembered.identity());
        }
        return validator.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (maxEntries == 0 || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        if (identities.size() >= maxEntries) {
            identities.values().removeIf(entry -> entry.expiresAtSecond() <= now);
            if (identities.size() >= maxEntries) {
                return;
            }
        }
        identities.put(token, new Remembered(identity, jwt.getExpirationTime()));
    }
}
