package io.careboard.metrics;

import io.careboard.domain.WireEnum;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** How the doctors' table is ordered and cut: {@code sort} and {@code limit} (1..100). */
@RegisterForReflection
public record DoctorRanking(Sort sort, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    public static final DoctorRanking DEFAULT = new DoctorRanking(Sort.COMPLETED, DEFAULT_LIMIT);

    public enum Sort implements WireEnum {
        COMPLETED, RATING, REVENUE
    }
}
