package io.careboard.analytics;

import io.careboard.api.PlatformConfig;
import io.careboard.cache.Answer;
import io.careboard.cache.AnswerCache;
import io.careboard.cache.FreshAnswers;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The read API of contract §3. Thin: parse, ask the answer cache, wrap the envelope. Handlers
 * run on the I/O thread, so a cached answer costs no thread hop; computations move to a worker.
 */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
public class AnalyticsResource {

    private final QueryParameters parameters;
    private final AnswerCache answers;
    private final FreshAnswers fresh;
    private final PlatformConfig platform;
    private final Clock clock;

    AnalyticsResource(QueryParameters parameters, AnswerCache answers, FreshAnswers fresh, PlatformConfig platform,
            Clock clock) {
        this.parameters = parameters;
        this.answers = answers;
        this.fresh = fresh;
        this.platform = platform;
        this.clock = clock;
    }

    @GET
    @Path("/overview")
    public Uni<Response> overview(@RestQuery String period, @RestQuery String tz,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.named(MetricFamily.OVERVIEW, period, tz), ifNoneMatch);
    }

    @GET
    @Path("/consultations")
    public Uni<Response> consultations(@RestQuery String period, @RestQuery String tz,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.named(MetricFamily.CONSULTATIONS, period, tz), ifNoneMatch);
    }

    @GET
    @Path("/doctors")
    public Uni<Response> doctors(@RestQuery String period, @RestQuery String tz, @RestQuery String sort,
            @RestQuery String limit, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.doctors(period, tz, sort, limit), ifNoneMatch);
    }

    @GET
    @Path("/revenue")
    public Uni<Response> revenue(@RestQuery String period, @RestQuery String tz,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.named(MetricFamily.REVENUE, period, tz), ifNoneMatch);
    }

    @GET
    @Path("/health-trends")
    public Uni<Response> healthTrends(@RestQuery String period, @RestQuery String tz,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.named(MetricFamily.HEALTH_TRENDS, period, tz), ifNoneMatch);
    }

    @GET
    @Path("/range")
    public Uni<Response> range(@RestQuery String from, @RestQuery String to, @RestQuery String granularity,
            @RestQuery String tz, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(parameters.range(from, to, granularity, tz), ifNoneMatch);
    }

    /** The overview computed from the database now; it also replaces the cached overview. */
    @GET
    @Path("/realtime")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> realtime(@RestQuery String period, @RestQuery String tz, SecurityContext caller) {
        MetricQuery query = parameters.named(MetricFamily.OVERVIEW, period, tz);
        return fresh.fresh(query, caller.getUserPrincipal().getName()).map(answer -> ok(answer));
    }

    private Uni<Response> respond(MetricQuery query, String ifNoneMatch) {
        return answers.answer(query).map(answer -> EntityTags.matches(ifNoneMatch, answer.etag())
                ? Response.notModified().header(HttpHeaders.ETAG, answer.etag())
                        .header(HttpHeaders.CACHE_CONTROL, EntityTags.CACHE_CONTROL).build()
                : ok(answer));
    }

    private Response ok(Answer answer) {
        return Response.ok(Envelope.write(answer, platform.currency(), clock.instant()), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ETAG, answer.etag())
                .header(HttpHeaders.CACHE_CONTROL, EntityTags.CACHE_CONTROL)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                .build();
    }
}
