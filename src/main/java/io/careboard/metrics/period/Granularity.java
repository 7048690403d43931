package io.careboard.metrics.period;

import io.careboard.domain.WireEnum;
import io.careboard.problem.ProblemException;

/** The unit of a time series: local hours, local days, ISO weeks (from Monday) or calendar months. */
public enum Granularity implements WireEnum {
    HOUR, DAY, WEEK, MONTH;

    /** The granularity named by {@code /range}'s query parameter; absent means {@link #DAY}, the contract's default. */
    public static Granularity parse(String wire) {
        if (wire == null) {
            return DAY;
        }
        return WireEnum.parse(Granularity.class, wire).orElseThrow(() -> new ProblemException.InvalidInput(
                "granularity", "must be one of " + String.join(", ", WireEnum.names(Granularity.class))));
    }
}
