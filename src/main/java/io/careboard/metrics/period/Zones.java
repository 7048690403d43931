package io.careboard.metrics.period;

import io.careboard.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Time zones as the API accepts them: IANA zone ids only ({@code Europe/Berlin}, {@code UTC},
 * {@code Etc/GMT-2}). Raw offsets such as {@code +02:00} or {@code UTC+2} are rejected: the
 * contract promises IANA ids, an offset cannot follow daylight saving time (a dashboard on
 * {@code +01:00} would cut winter days right and summer days wrong), and one spelling per zone
 * keeps cache keys few. Lookup ignores case, as PostgreSQL's does, and answers the canonical
 * spelling, so {@code europe/berlin} and {@code Europe/Berlin} share one cache entry.
 */
public final class Zones {

    private static final String MESSAGE = "must be an IANA time zone id such as Europe/Berlin or UTC";

    /**
     * Every region id of the JDK's time-zone database except the {@code SystemV/*} ids, which the
     * IANA database dropped in 2020 and PostgreSQL does not know.
     */
    private static final Map<String, String> IDS_BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> !id.startsWith("SystemV/"))
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), Function.identity()));

    private Zones() {
    }

    /**
     * The zone named by the {@code tz} query parameter; absent means {@code defaultZone}. Anything
     * else, the empty string included, must be an IANA id.
     */
    public static ZoneId parse(String tz, ZoneId defaultZone) {
        if (tz == null) {
            return defaultZone;
        }
        String id = IDS_BY_LOWER_CASE.get(tz.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new ProblemException.InvalidInput("tz", MESSAGE);
        }
        return ZoneId.of(id);
    }

    /**
     * The next local midnight after {@code now}: a cached answer for a named period must expire by
     * then, or {@code today} would show yesterday. On a day whose midnight is skipped by daylight
     * saving time this is the first instant of the next day (the end of the gap).
     */
    public static Instant nextMidnight(ZoneId zone, Instant now) {
        return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }
}
