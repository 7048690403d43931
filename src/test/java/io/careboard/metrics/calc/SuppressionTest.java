package io.careboard.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private final Suppression k5 = new Suppression(5);

    @Test
    void countsFromOneToKMinusOneAreHiddenZeroAndKAreShown() {
        assertFalse(k5.hides(0));
        assertTrue(k5.hides(1));
        assertTrue(k5.hides(4));
        assertFalse(k5.hides(5));
        assertFalse(k5.hides(1_000_000));
    }

    @Test
    void hiddenCountsAreNullAndListedInOrderOnce() {
        Suppression.Cells cells = k5.cells();

        assertEquals(5L, cells.count("by_sex.female", 5));
        assertNull(cells.count("by_sex.male", 4));
        assertEquals(0L, cells.count("by_sex.other", 0));
        assertNull(cells.count("by_sex.unknown", 1));
        assertNull(cells.count("by_sex.male", 4));

        assertEquals(List.of("by_sex.male", "by_sex.unknown"), cells.suppressed());
    }

    @Test
    void aVitalsCellHidesItsAverageWithItsReadingsAndCountsPatientsToo() {
        Suppression.Cells cells = k5.cells();

        assertEquals(new Suppression.Averaged(5L, new BigDecimal("120.2")),
                cells.averaged("vitals[0].series[0].readings", 5, 5, new BigDecimal("601"), 1));
        assertEquals(new Suppression.Averaged(null, null),
                cells.averaged("vitals[0].series[1].readings", 4, 4, new BigDecimal("480"), 1));
        assertEquals(new Suppression.Averaged(null, null),
                cells.averaged("vitals[4].series[3].readings", 12, 3, new BigDecimal("300"), 1),
                "twelve readings of three patients still describe three patients");
        assertEquals(new Suppression.Averaged(0L, null),
                cells.averaged("vitals[2].series[0].readings", 0, 0, null, 1), "an empty cell: 0, no average");

        assertEquals(List.of("vitals[0].series[1].readings", "vitals[4].series[3].readings"), cells.suppressed());
    }

    @Test
    void aCountOfManyEventsIsHiddenWhenFewPatientsAreBehindIt() {
        Suppression.Cells cells = k5.cells();

        assertNull(cells.count("top_diagnoses[0].count", 6, 2), "six diagnoses of two patients");
        assertNull(cells.count("top_diagnoses[1].count", 3, 3));
        assertEquals(5L, cells.count("top_diagnoses[2].count", 5, 5));
        assertEquals(0L, cells.count("top_diagnoses[2].previous_count", 0, 0));

        assertEquals(List.of("top_diagnoses[0].count", "top_diagnoses[1].count"), cells.suppressed());
    }

    @Test
    void aChangeIsNullWhenEitherCountIsHidden() {
        Suppression.Cells cells = k5.cells();
        Long count = cells.count("top_diagnoses[1].count", 3);
        Long previous = cells.count("top_diagnoses[1].previous_count", 10);

        assertNull(cells.changePercent(count, previous), "−70 % would give the 3 away");
        assertNull(cells.changePercent(10L, null));
        assertEquals(new BigDecimal("100.0"), cells.changePercent(10L, 5L));
        assertNull(cells.changePercent(10L, 0L), "from zero: null as everywhere");
        assertEquals(List.of("top_diagnoses[1].count"), cells.suppressed());
    }

    @Test
    void kOneShowsEverythingAndKMustBePositive() {
        Suppression.Cells cells = new Suppression(1).cells();
        assertEquals(1L, cells.count("by_sex.female", 1));
        assertEquals(List.of(), cells.suppressed());
        assertThrows(IllegalArgumentException.class, () -> new Suppression(0));
    }

    @Test
    void eachAnswerHasItsOwnCollector() {
        Suppression.Cells first = k5.cells();
        first.count("by_sex.female", 2);
        assertEquals(List.of(), k5.cells().suppressed());
        assertThrows(UnsupportedOperationException.class, () -> first.suppressed().add("by_sex.male"));
    }
}
