package io.careboard.ingest;

import io.careboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The per-entity upserts of the write API (contract §2): 201 when the entity was created, 200
 * when it was updated, unchanged or stale ({@code applied: false}).
 */
@Path("/api/v1")
@RolesAllowed(Roles.INGEST)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    private final IngestService service;

    IngestResource(IngestService service) {
        this.service = service;
    }

    @PUT
    @Path("/doctors/{id}")
    public RestResponse<UpsertAnswer> doctor(@PathParam("id") @EntityId String id, @Valid @NotNull DoctorBody body) {
        return answer(service.upsertDoctor(id, body.toState()));
    }

    @PUT
    @Path("/patients/{id}")
    public RestResponse<UpsertAnswer> patient(@PathParam("id") @EntityId String id,
            @Valid @NotNull PatientBody body) {
        return answer(service.upsertPatient(id, body.toState()));
    }

    @PUT
    @Path("/consultations/{id}")
    public RestResponse<UpsertAnswer> consultation(@PathParam("id") @EntityId String id,
            @Valid @NotNull ConsultationBody body) {
        return answer(service.upsertConsultation(id, body.toState()));
    }

    @PUT
    @Path("/ratings/{id}")
    public RestResponse<UpsertAnswer> rating(@PathParam("id") @EntityId String id, @Valid @NotNull RatingBody body) {
        return answer(service.upsertRating(id, body.toState()));
    }

    @PUT
    @Path("/payments/{id}")
    public RestResponse<UpsertAnswer> payment(@PathParam("id") @EntityId String id,
            @Valid @NotNull PaymentBody body) {
        return answer(service.upsertPayment(id, body.toState()));
    }

    @PUT
    @Path("/health-observations/{id}")
    public RestResponse<UpsertAnswer> healthObservation(@PathParam("id") @EntityId String id,
            @Valid @NotNull HealthObservationBody body) {
        return answer(service.upsertHealthObservation(id, body.toState()));
    }

    private static RestResponse<UpsertAnswer> answer(UpsertResult result) {
        return RestResponse.status(result.outcome() == Outcome.CREATED ? RestResponse.Status.CREATED
                : RestResponse.Status.OK, UpsertAnswer.of(result));
    }
}
