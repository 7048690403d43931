package io.careboard.metrics.rollup;

import io.careboard.metrics.Span;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Parameter;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Local days of one zone to build, with their bounds from Java's zone rules, bound to a build
 * statement as {@code :zone}, {@code :days}, {@code :day_from} and {@code :day_to}; the
 * statement unnests them as {@link #DAYS}.
 */
@RegisterForReflection
public record RollupDays(ZoneId zone, List<LocalDate> days) {

    /** The days as a relation {@code d(day, day_from, day_to)}. */
    public static final String DAYS = """
            unnest(cast(:days as date[]), cast(:day_from as timestamptz[]), cast(:day_to as timestamptz[]))
                as d(day, day_from, day_to)""";

    /** The days as a span whose rows carry their {@code day}, for texts that read raw rows of a {@link Span}. */
    public static final Span SPAN = new Span(DAYS + ", ", "d.day_from", "d.day_to", "d", List.of("day"));

    public RollupDays {
        days = List.copyOf(days);
    }

    /** Binds whichever of {@code :zone}, {@code :days}, {@code :day_from} and {@code :day_to} the query names. */
    public Query bind(Query query) {
        Set<String> names = query.getParameters().stream().map(Parameter::getName).collect(Collectors.toSet());
        query.setParameter("zone", zone.getId()).setParameter("days", literal(days, LocalDate::toString));
        if (names.contains("day_from")) {
            query.setParameter("day_from", literal(days, day -> start(day).toString()))
                    .setParameter("day_to", literal(days, day -> start(day.plusDays(1)).toString()));
        }
        return query;
    }

    public Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static String literal(List<LocalDate> days, Function<LocalDate, String> value) {
        return days.stream().map(value).collect(Collectors.joining(",", "{", "}"));
    }
}
