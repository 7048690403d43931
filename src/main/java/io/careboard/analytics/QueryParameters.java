package io.careboard.analytics;

import io.careboard.metrics.DoctorRanking;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.Granularity;
import io.careboard.metrics.period.LocalDateParam;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.period.Zones;
import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the query parameters of the analytics endpoints into a {@link MetricQuery}. Parameters
 * arrive as text and are parsed here, so that every bad value is a 400 naming its parameter
 * (all of them at once), never a framework 404 or 500. Unknown parameters are ignored, as HTTP
 * clients add their own (cache busters).
 */
@Singleton
public class QueryParameters {

    private final MetricsConfig config;
    private final Clock clock;

    QueryParameters(MetricsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A named-period query: {@code period} (default today) and {@code tz}. */
    public MetricQuery named(MetricFamily family, String period, String tz) {
        Errors errors = new Errors();
        PeriodName name = errors.check(() -> period == null ? PeriodName.TODAY : PeriodName.parse(period));
        ZoneId zone = errors.check(() -> Zones.parse(tz, config.defaultTimezone()));
        errors.throwIfAny();
        return MetricQuery.of(family, ResolvedPeriod.named(name, zone, clock.instant()));
    }

    /** The doctors' table: a named period plus {@code sort} (default completed) and {@code limit} (1..100, default 10). */
    public MetricQuery doctors(String period, String tz, String sort, String limit) {
        Errors errors = new Errors();
        PeriodName name = errors.check(() -> period == null ? PeriodName.TODAY : PeriodName.parse(period));
        ZoneId zone = errors.check(() -> Zones.parse(tz, config.defaultTimezone()));
        DoctorRanking.Sort order = errors.check(() -> parseSort(sort));
        Integer top = errors.check(() -> parseLimit(limit));
        errors.throwIfAny();
        return new MetricQuery(MetricFamily.DOCTORS, ResolvedPeriod.named(name, zone, clock.instant()),
                Optional.of(new DoctorRanking(order, top)));
    }

    /** A {@code /range}: {@code from} and {@code to} (required local dates), {@code granularity} (default day), {@code tz}. */
    public MetricQuery range(String from, String to, String granularity, String tz) {
        Errors errors = new Errors();
        LocalDate first = errors.check(() -> LocalDateParam.parse("from", from));
        LocalDate last = errors.check(() -> LocalDateParam.parse("to", to));
        Granularity unit = errors.check(() -> granularity == null ? Granularity.DAY : Granularity.parse(granularity));
        ZoneId zone = errors.check(() -> Zones.parse(tz, config.defaultTimezone()));
        errors.throwIfAny();
        return MetricQuery.of(MetricFamily.RANGE, ResolvedPeriod.range(first, last, unit, zone));
    }

    private static DoctorRanking.Sort parseSort(String sort) {
        if (sort == null) {
            return DoctorRanking.Sort.COMPLETED;
        }
        return io.careboard.domain.WireEnum.parse(DoctorRanking.Sort.class, sort).orElseThrow(
                () -> new ProblemException.InvalidInput("sort", "must be one of completed, rating, revenue"));
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DoctorRanking.DEFAULT_LIMIT;
        }
        String message = "must be a whole number from 1 to " + DoctorRanking.MAX_LIMIT;
        if (!limit.matches("[0-9]{1,3}")) {
            throw new ProblemException.InvalidInput("limit", message);
        }
        int value = Integer.parseInt(limit);
        if (value < 1 || value > DoctorRanking.MAX_LIMIT) {
            throw new ProblemException.InvalidInput("limit", message);
        }
        return value;
    }

    /** Collects the errors of several parameters, so one answer names them all. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();

        <T> T check(Supplier<T> parse) {
            try {
                return parse.get();
            } catch (ProblemException.InvalidInput invalid) {
                errors.addAll(invalid.errors());
                return null;
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ProblemException.InvalidInput(errors);
            }
        }
    }
}
