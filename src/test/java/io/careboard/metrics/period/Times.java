package io.careboard.metrics.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Test shorthands: instants written as the wall clock and offset they show. */
final class Times {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    static final ZoneId HAVANA = ZoneId.of("America/Havana");

    private Times() {
    }

    /** {@code 2026-03-29T03:00+02:00} as an instant. */
    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static List<String> labels(ResolvedPeriod period) {
        return period.buckets().stream().map(Bucket::label).toList();
    }

    static List<Duration> lengths(ResolvedPeriod period) {
        return period.buckets().stream().map(b -> Duration.between(b.start(), b.end())).toList();
    }

    /** Runs {@code call}, expects bad input, and answers the fields it names. */
    static List<String> invalidFields(Executable call) {
        ProblemException.InvalidInput e = assertThrows(ProblemException.InvalidInput.class, call);
        return e.errors().stream().map(FieldError::field).toList();
    }

    static void assertInvalid(String field, String message, Executable call) {
        ProblemException.InvalidInput e = assertThrows(ProblemException.InvalidInput.class, call);
        assertEquals(List.of(new FieldError(field, message)), e.errors());
    }
}
