package io.careboard.ingest;

import io.careboard.problem.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Normalises a state to what PostgreSQL stores, so that a re-sent state compares equal to the
 * stored one, and collects what is wrong with it. Fields are named as on the wire, after
 * {@code prefix} ({@code [3].} in a bulk).
 */
final class StateChecks {

    private final String prefix;
    private final List<FieldError> errors;

    StateChecks(String prefix, List<FieldError> errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The instant at PostgreSQL's precision (microseconds). */
    Instant instant(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The decimal with exactly {@code scale} fraction digits, as a {@code numeric(p, scale)} column
     * returns it. A value that needs more fraction digits, or more than {@code integerDigits}
     * before the point, is an error rather than silently rounded.
     */
    BigDecimal decimal(String field, BigDecimal value, int integerDigits, int scale) {
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > scale) {
            fail(field, "must have at most " + scale + " fraction digits");
            return value;
        }
        BigDecimal scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        if (scaled.precision() - scale > integerDigits) {
            fail(field, "must have at most " + integerDigits + " digits before the decimal point");
        }
        return scaled;
    }

    /** A money amount: never negative, cents at most, stored with 2 fraction digits. */
    BigDecimal money(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            fail(field, "must be greater than or equal to 0");
            return value;
        }
        return decimal(field, value, 12, 2);
    }

    void require(boolean holds, String field, String message) {
        if (!holds) {
            fail(field, message);
        }
    }

    private void fail(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }
}
