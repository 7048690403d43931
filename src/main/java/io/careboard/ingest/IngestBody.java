package io.careboard.ingest;

/** A request body of the write API, validated on arrival and turned into the domain state it describes. */
public interface IngestBody<S extends Record> {
    S toState();
}
