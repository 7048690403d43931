package io.careboard.ingest;

import io.careboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /ingest}: up to {@value BulkRequestParser#MAX_ITEMS} items as a JSON array or as
 * NDJSON. The whole body is validated first (400 naming {@code [index].field}, nothing stored);
 * then the items are applied in order in one transaction and answered one result each.
 */
@Path("/api/v1/ingest")
@RolesAllowed(Roles.INGEST)
@Produces(MediaType.APPLICATION_JSON)
public class BulkIngestResource {

    public static final String NDJSON = "application/x-ndjson";

    private final BulkRequestParser parser;
    private final IngestService service;

    BulkIngestResource(BulkRequestParser parser, IngestService service) {
        this.parser = parser;
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkAnswer jsonArray(InputStream body) throws IOException {
        return BulkAnswer.of(service.ingest(parser.fromJsonArray(body)));
    }

    @POST
    @Consumes(NDJSON)
    public BulkAnswer ndjson(InputStream body) throws IOException {
        return BulkAnswer.of(service.ingest(parser.fromNdjson(body)));
    }
}
