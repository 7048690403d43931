package io.careboard.cache;

import io.careboard.metrics.MetricFamily;
import io.careboard.problem.ProblemException;
import io.careboard.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/** Cache management for admins (contract §3): status, warm, refresh. */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class CacheResource {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** What {@code POST /refresh} dropped. */
    @RegisterForReflection
    public record Refreshed(long dropped) {
    }

    private final CacheStatusService status;
    private final CacheWarmer warmer;
    private final CacheCoherence coherence;
    private final RedisAvailability redis;

    CacheResource(CacheStatusService status, CacheWarmer warmer, CacheCoherence coherence, RedisAvailability redis) {
        this.status = status;
        this.warmer = warmer;
        this.coherence = coherence;
        this.redis = redis;
    }

    @GET
    @Path("/cache/status")
    public CacheStatusService.Status status() {
        requireRedis();
        return status.status();
    }

    @POST
    @Path("/cache/warm")
    public CacheWarmer.Report warm() {
        return warmer.warm();
    }

    /** Drops every analytics cache entry, so the next requests compute fresh figures. */
    @POST
    @Path("/refresh")
    public Refreshed refresh() {
        requireRedis();
        return new Refreshed(coherence.invalidate(List.of(MetricFamily.values())));
    }

    private void requireRedis() {
        if (!redis.isUp()) {
            throw new ProblemException.Unavailable("Redis, which holds the caches, is unavailable", RETRY_AFTER);
        }
    }
}
