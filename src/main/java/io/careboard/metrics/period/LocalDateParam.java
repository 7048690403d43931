package io.careboard.metrics.period;

import io.careboard.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The local dates of {@code /range}'s {@code from} and {@code to}. */
public final class LocalDateParam {

    /**
     * Exactly {@code YYYY-MM-DD} with a real calendar date ({@code 2026-02-30} is refused, not moved
     * to 28 February), years 0001 to 9999 so the day after {@code to} always exists.
     */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private LocalDateParam() {
    }

    /** The date in {@code value}; a missing or malformed one is bad input named {@code field}. */
    public static LocalDate parse(String field, String value) {
        if (value == null) {
            throw new ProblemException.InvalidInput(field, "is required (YYYY-MM-DD)");
        }
        try {
            LocalDate date = LocalDate.parse(value, FORMAT);
            if (value.length() == 10 && date.getYear() >= 1) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below, with the same message as a date out of range
        }
        throw new ProblemException.InvalidInput(field, "must be a date YYYY-MM-DD");
    }
}
