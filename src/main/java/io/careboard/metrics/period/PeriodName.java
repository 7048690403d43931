package io.careboard.metrics.period;

import io.careboard.domain.WireEnum;
import io.careboard.problem.ProblemException;

/**
 * The named periods of the analytics API. Each one is a window that starts at local midnight
 * {@link #lookBackDays()} days before today and ends now; its previous period is the same window
 * shifted back {@link #shiftDays()} local days, so a partial day is compared with the same part of
 * an earlier day.
 */
public enum PeriodName implements WireEnum {
    TODAY(0, 1, Granularity.HOUR),
    WEEK(6, 7, Granularity.DAY),
    MONTH(29, 30, Granularity.DAY),
    YEAR(364, 365, Granularity.MONTH);

    private final int lookBackDays;
    private final int shiftDays;
    private final Granularity granularity;

    PeriodName(int lookBackDays, int shiftDays, Granularity granularity) {
        this.lookBackDays = lookBackDays;
        this.shiftDays = shiftDays;
        this.granularity = granularity;
    }

    /** Days between the first local date of the window and today (today itself is day 0). */
    public int lookBackDays() {
        return lookBackDays;
    }

    /** Local calendar days the previous period lies behind the current one: the window's length in days. */
    public int shiftDays() {
        return shiftDays;
    }

    /** The unit of the period's time series. */
    public Granularity granularity() {
        return granularity;
    }

    /**
     * The period named by a query parameter: absent means {@link #TODAY}, the contract's default.
     * Anything else, the empty string included, must be a wire name.
     */
    public static PeriodName parse(String wire) {
        if (wire == null) {
            return TODAY;
        }
        return WireEnum.parse(PeriodName.class, wire).orElseThrow(() -> new ProblemException.InvalidInput(
                "period", "must be one of " + String.join(", ", WireEnum.names(PeriodName.class))));
    }
}
