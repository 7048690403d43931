package io.careboard.metrics.period;

import static io.careboard.metrics.period.Times.BERLIN;
import static io.careboard.metrics.period.Times.UTC;
import static io.careboard.metrics.period.Times.assertInvalid;
import static io.careboard.metrics.period.Times.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParametersTest {

    @Test
    void periodNamesAndTheirArithmetic() {
        assertEquals(PeriodName.TODAY, PeriodName.parse("today"));
        assertEquals(PeriodName.WEEK, PeriodName.parse("week"));
        assertEquals(PeriodName.MONTH, PeriodName.parse("month"));
        assertEquals(PeriodName.YEAR, PeriodName.parse("year"));
        assertEquals(PeriodName.TODAY, PeriodName.parse(null), "absent means the contract's default");

        assertEquals(0, PeriodName.TODAY.lookBackDays());
        assertEquals(6, PeriodName.WEEK.lookBackDays());
        assertEquals(29, PeriodName.MONTH.lookBackDays());
        assertEquals(364, PeriodName.YEAR.lookBackDays());
        assertEquals(1, PeriodName.TODAY.shiftDays());
        assertEquals(7, PeriodName.WEEK.shiftDays());
        assertEquals(30, PeriodName.MONTH.shiftDays());
        assertEquals(365, PeriodName.YEAR.shiftDays());
        assertEquals(Granularity.HOUR, PeriodName.TODAY.granularity());
        assertEquals(Granularity.DAY, PeriodName.WEEK.granularity());
        assertEquals(Granularity.DAY, PeriodName.MONTH.granularity());
        assertEquals(Granularity.MONTH, PeriodName.YEAR.granularity());
        assertEquals("week", PeriodName.WEEK.wire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TODAY", "Today", "day", "yesterday", " week"})
    void unknownPeriodIsBadInput(String wire) {
        assertInvalid("period", "must be one of today, week, month, year", () -> PeriodName.parse(wire));
    }

    @Test
    void granularities() {
        assertEquals(Granularity.HOUR, Granularity.parse("hour"));
        assertEquals(Granularity.DAY, Granularity.parse("day"));
        assertEquals(Granularity.WEEK, Granularity.parse("week"));
        assertEquals(Granularity.MONTH, Granularity.parse("month"));
        assertEquals(Granularity.DAY, Granularity.parse(null), "absent means the contract's default");
        assertInvalid("granularity", "must be one of hour, day, week, month", () -> Granularity.parse("year"));
        assertInvalid("granularity", "must be one of hour, day, week, month", () -> Granularity.parse(""));
    }

    @Test
    void zonesAreIanaIdsInTheirCanonicalSpelling() {
        assertEquals(BERLIN, Zones.parse("Europe/Berlin", UTC));
        assertEquals(BERLIN, Zones.parse("europe/berlin", UTC), "lookup ignores case, like PostgreSQL's");
        assertEquals("Europe/Berlin", Zones.parse("EUROPE/BERLIN", UTC).getId());
        assertEquals(ZoneId.of("UTC"), Zones.parse("UTC", BERLIN));
        assertEquals(ZoneId.of("Etc/GMT-2"), Zones.parse("Etc/GMT-2", UTC), "fixed offsets the IANA way");
        assertEquals(ZoneId.of("Asia/Kolkata"), Zones.parse("Asia/Kolkata", UTC));
        assertEquals(ZoneId.of("US/Eastern"), Zones.parse("US/Eastern", UTC), "IANA backward links stay valid");
        assertEquals(BERLIN, Zones.parse(null, BERLIN), "absent means the configured default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " Europe/Berlin", "Mars/Olympus_Mons", "+02:00", "-05:00", "Z", "UTC+2", "UTC+02:00",
            "GMT+1", "CEST", "PST", "SystemV/EST5", "Europe/Berlin/", "../etc/passwd"})
    void anythingButAnIanaIdIsBadInput(String tz) {
        assertInvalid("tz", "must be an IANA time zone id such as Europe/Berlin or UTC", () -> Zones.parse(tz, UTC));
    }

    @Test
    void nextMidnightIsTheCacheDeadline() {
        assertEquals(at("2026-10-26T00:00+01:00"), Zones.nextMidnight(BERLIN, at("2026-10-25T10:00+01:00")));
        assertEquals(at("2026-03-30T00:00+02:00"), Zones.nextMidnight(BERLIN, at("2026-03-29T00:00+01:00")));
        assertEquals(at("2026-03-08T01:00-04:00"), Zones.nextMidnight(Times.HAVANA, at("2026-03-07T20:00-05:00")),
                "a skipped midnight: the day starts at the end of the gap");
    }

    @Test
    void rangeDates() {
        assertEquals(LocalDate.of(2026, 2, 28), LocalDateParam.parse("from", "2026-02-28"));
        assertEquals(LocalDate.of(2028, 2, 29), LocalDateParam.parse("to", "2028-02-29"));
        assertEquals(LocalDate.of(9999, 12, 31), LocalDateParam.parse("to", "9999-12-31"));
        assertInvalid("from", "is required (YYYY-MM-DD)", () -> LocalDateParam.parse("from", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-02-30", "2027-02-29", "2026-13-01", "2026-2-3", "26-02-03", "2026/02/03",
            "2026-02-03T00:00", "+10000-01-01", "0000-01-01", "-0001-01-01", " 2026-02-03", "2026-02-03Z"})
    void malformedDatesAreBadInputNamingTheParameter(String value) {
        assertInvalid("to", "must be a date YYYY-MM-DD", () -> LocalDateParam.parse("to", value));
    }
}
