package io.careboard.realtime;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs before websockets-next's role check on every handshake of the analytics socket:
 * <ul>
 * <li>while the server stops, refuses with 503 (clients were told to reconnect elsewhere);</li>
 * <li>a token that fails authentication is refused with 401 and {@code WWW-Authenticate: Bearer}
 * here, quietly. (With lazy authentication the framework would answer the challenge itself and
 * then also fail the request, logging an error per bad handshake: {@link #onFilters} hands
 * authentication failures of handshakes to this check instead.)</li>
 * <li>records the token's expiry in the connection's user data for {@link TokenExpiry}.</li>
 * </ul>
 * A missing token (anonymous) and a token without the role are left to the role check: 401 and 403.
 */
@Singleton
@Priority(Integer.MAX_VALUE - 10)
public class HandshakeCheck implements HttpUpgradeCheck {

    /** The token's {@code exp} (epoch seconds). */
    static final UserData.TypedKey<Long> TOKEN_EXPIRES = UserData.TypedKey.forLong("careboard.token-expires");
    private static final BiConsumer<RoutingContext, Throwable> LEFT_TO_THE_CHECK = (context, failure) -> { };
    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate", List.of("Bearer"));

    private final GoingAway goingAway;

    HandshakeCheck(GoingAway goingAway) {
        this.goingAway = goingAway;
    }

    /** A filter after authentication set-up, before any route: handshakes on the socket's path fail quietly. */
    void onFilters(@Observes Filters filters) {
        filters.register(context -> {
            if (AnalyticsSocket.PATH.equals(context.normalizedPath())
                    && context.request().headers().contains("Sec-WebSocket-Key")) {
                context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, LEFT_TO_THE_CHECK);
            }
            context.next();
        }, 50);
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return AnalyticsSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (goingAway.isStopping()) {
            return CheckResult.rejectUpgrade(503, Map.of("Retry-After", List.of("1")));
        }
        return context.securityIdentity().map(identity -> {
            record(identity, context.userData());
            return CheckResult.permitUpgradeSync();
        }).onFailure(AuthenticationFailedException.class).recoverWithItem(
                failure -> CheckResult.rejectUpgradeSync(401, CHALLENGE));
    }

    private static void record(SecurityIdentity identity, UserData userData) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            userData.put(TOKEN_EXPIRES, token.getExpirationTime());
        }
    }
}
