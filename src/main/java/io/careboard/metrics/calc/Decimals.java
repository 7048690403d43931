package io.careboard.metrics.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The API's number rules: exact {@link BigDecimal} arithmetic, one {@link RoundingMode#HALF_UP}
 * rounding at the very end (half away from zero, also for negatives), and {@code null} wherever a
 * denominator is zero, so no answer ever holds NaN, Infinity or a made-up 0.
 */
public final class Decimals {

    /** Ratios and rates in 0..1. */
    public static final int RATIO_DIGITS = 4;
    /** Percent changes. */
    public static final int PERCENT_DIGITS = 1;
    /** Averages of ratings (and the Bayesian rating). */
    public static final int RATING_DIGITS = 2;
    /** Money. */
    public static final int MONEY_DIGITS = 2;
    /** Durations in minutes, and averages of vitals. */
    public static final int MINUTES_DIGITS = 1;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    private Decimals() {
    }

    /** {@code numerator / denominator} with 4 digits; null when the denominator is 0. */
    public static BigDecimal ratio(long numerator, long denominator) {
        return average(BigDecimal.valueOf(numerator), denominator, RATIO_DIGITS);
    }

    /**
     * {@code (current − previous) / |previous| × 100} with 1 digit: dividing by the magnitude keeps
     * the sign meaning "went up", even when both values are negative (a net revenue of −50 after
     * −100 improved by 50.0). Null when previous is 0 or either value is unknown (null).
     */
    public static BigDecimal changePercent(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous).multiply(HUNDRED)
                .divide(previous.abs(), PERCENT_DIGITS, RoundingMode.HALF_UP);
    }

    /** {@link #changePercent(BigDecimal, BigDecimal)} of two counts. */
    public static BigDecimal changePercent(long current, long previous) {
        return changePercent(BigDecimal.valueOf(current), BigDecimal.valueOf(previous));
    }

    /** {@code sum / count} with {@code digits} digits; null when count is 0. A null sum (SQL's sum of no rows) is 0. */
    public static BigDecimal average(BigDecimal sum, long count, int digits) {
        if (count == 0) {
            return null;
        }
        return orZero(sum).divide(BigDecimal.valueOf(count), digits, RoundingMode.HALF_UP);
    }

    /** {@link #average(BigDecimal, long, int)} of a whole-number sum, such as rating scores. */
    public static BigDecimal average(long sum, long count, int digits) {
        return average(BigDecimal.valueOf(sum), count, digits);
    }

    /** An amount with 2 digits; null, SQL's sum over no rows, is 0.00. */
    public static BigDecimal money(BigDecimal amount) {
        return orZero(amount).setScale(MONEY_DIGITS, RoundingMode.HALF_UP);
    }

    /** A duration given in seconds, in minutes with 1 digit; null (no duration at all) stays null. */
    public static BigDecimal minutes(BigDecimal seconds) {
        return seconds == null ? null : seconds.divide(SECONDS_PER_MINUTE, MINUTES_DIGITS, RoundingMode.HALF_UP);
    }

    /**
     * {@link #minutes(BigDecimal)} of a {@code double} from the database (such as an epoch of
     * {@code percentile_cont}), taken at its shortest decimal spelling so 0.1 stays 0.1.
     *
     * @throws IllegalArgumentException for NaN or an infinity, which would be a bug upstream
     */
    public static BigDecimal minutes(Double seconds) {
        if (seconds == null) {
            return null;
        }
        if (seconds.isNaN() || seconds.isInfinite()) {
            throw new IllegalArgumentException("not a duration: " + seconds);
        }
        return minutes(BigDecimal.valueOf(seconds));
    }

    /**
     * The mean of {@code count} durations whose seconds add up to {@code totalSeconds}, in minutes
     * with 1 digit, from the exact sum rather than a pre-rounded average; null when count is 0.
     */
    public static BigDecimal averageMinutes(BigDecimal totalSeconds, long count) {
        return average(totalSeconds, count * 60, MINUTES_DIGITS);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
