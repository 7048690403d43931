package io.careboard.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeGroupTest {

    @ParameterizedTest
    @CsvSource({
            "2008-02-29, 2026-02-28, 17",
            "2008-02-29, 2026-03-01, 18",
            "2008-02-29, 2028-02-28, 19",
            "2008-02-29, 2028-02-29, 20",
            "2000-03-01, 2026-02-28, 25",
            "2000-03-01, 2026-03-01, 26",
            "2026-06-15, 2026-06-15, 0",
            "1990-12-31, 2026-12-30, 35",
            "1990-12-31, 2026-12-31, 36"})
    void ageInWholeYearsWithTheLeapDayBirthdayOnFirstMarch(LocalDate birth, LocalDate on, int age) {
        assertEquals(age, AgeGroup.age(birth, on));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-15, 0-17",
            "2008-06-16, 0-17",
            "2008-06-15, 18-34",
            "1991-06-16, 18-34",
            "1991-06-15, 35-49",
            "1976-06-16, 35-49",
            "1976-06-15, 50-64",
            "1961-06-16, 50-64",
            "1961-06-15, 65+",
            "1900-01-01, 65+",
            "2026-06-16, unknown"})
    void groupEdgesFallOnTheBirthday(LocalDate birth, String group) {
        assertEquals(group, AgeGroup.of(birth, LocalDate.of(2026, 6, 15)).label());
    }

    @Test
    void leapDayChildTurns18OnFirstMarch() {
        LocalDate birth = LocalDate.of(2008, 2, 29);
        assertEquals(AgeGroup.AGE_0_17, AgeGroup.of(birth, LocalDate.of(2026, 2, 28)));
        assertEquals(AgeGroup.AGE_18_34, AgeGroup.of(birth, LocalDate.of(2026, 3, 1)));
    }

    @Test
    void missingBirthDateIsUnknown() {
        assertEquals(AgeGroup.UNKNOWN, AgeGroup.of(null, LocalDate.of(2026, 6, 15)));
    }

    @Test
    void labelsInTheAnswersOrder() {
        assertEquals(List.of("0-17", "18-34", "35-49", "50-64", "65+", "unknown"), AgeGroup.labels());
    }

    @Test
    void theSameRuleAsSql() {
        assertEquals("case when (p.birth_date) is null or (p.birth_date) > (d.local_date) then 'unknown'"
                        + " when extract(year from age((d.local_date), (p.birth_date))) < 18 then '0-17'"
                        + " when extract(year from age((d.local_date), (p.birth_date))) < 35 then '18-34'"
                        + " when extract(year from age((d.local_date), (p.birth_date))) < 50 then '35-49'"
                        + " when extract(year from age((d.local_date), (p.birth_date))) < 65 then '50-64'"
                        + " else '65+' end",
                AgeGroup.sqlCase("d.local_date", "p.birth_date"));
    }
}
