package io.careboard.metrics;

/**
 * The Redis cache of each metric family, as {@code @CacheResult} needs them: compile-time
 * constants. Their TTLs are set in application.properties
 * ({@code quarkus.cache.redis."<name>".expire-after-write}).
 */
public final class CacheNames {
    public static final String CONSULTATIONS = "consultations";
    public static final String DOCTORS = "doctors";
    public static final String REVENUE = "revenue";
    public static final String HEALTH_TRENDS = "health-trends";
    public static final String OVERVIEW = "overview";
    public static final String RANGE = "range";

    private CacheNames() {
    }
}
