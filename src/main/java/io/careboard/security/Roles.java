package io.careboard.security;

/** The roles of contract §1, as the {@code groups} claim of a token names them. */
public final class Roles {

    /** Reads metrics and opens the WebSocket. */
    public static final String VIEWER = "analytics-viewer";
    /** Everything a viewer can, plus cache management and {@code /realtime}. */
    public static final String ADMIN = "analytics-admin";
    /** The platform's write API, nothing else. */
    public static final String INGEST = "ingest";

    private Roles() {
    }
}
