package io.careboard.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalsTest {

    /** Compares value and scale: the JSON shows {@code 0.1250}, not {@code 0.125}. */
    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual);
    }

    private static void assertDecimal(String expected, BigDecimal actual, String why) {
        assertEquals(new BigDecimal(expected), actual, why);
    }

    @ParameterizedTest
    @CsvSource({"1,3,0.3333", "2,3,0.6667", "1,8,0.1250", "1,20000,0.0001", "1,20001,0.0000", "0,5,0.0000",
            "7,7,1.0000"})
    void ratiosHaveFourDigits(long numerator, long denominator, String expected) {
        assertDecimal(expected, Decimals.ratio(numerator, denominator));
    }

    @Test
    void ratioOverZeroIsNull() {
        assertNull(Decimals.ratio(5, 0));
        assertNull(Decimals.ratio(0, 0));
    }

    @ParameterizedTest
    @CsvSource({"105,100,5.0", "1,3,-66.7", "2,3,-33.3", "10005,10000,0.1", "9995,10000,-0.1", "11225,10000,12.3",
            "8775,10000,-12.3", "0,5,-100.0", "3,1,200.0", "7,7,0.0"})
    void changePercentRoundsHalfAwayFromZero(long current, long previous, String expected) {
        assertDecimal(expected, Decimals.changePercent(current, previous));
    }

    @Test
    void changePercentFromZeroIsNull() {
        assertNull(Decimals.changePercent(5, 0));
        assertNull(Decimals.changePercent(0, 0));
        assertNull(Decimals.changePercent(new BigDecimal("12.00"), new BigDecimal("0.00")));
        assertNull(Decimals.changePercent(null, BigDecimal.TEN));
        assertNull(Decimals.changePercent(BigDecimal.TEN, null));
    }

    @Test
    void changePercentOfMoneyDividesByTheMagnitude() {
        assertDecimal("25.0", Decimals.changePercent(new BigDecimal("100.00"), new BigDecimal("80.00")));
        assertDecimal("50.0", Decimals.changePercent(new BigDecimal("-50.00"), new BigDecimal("-100.00")));
        assertDecimal("-50.0", Decimals.changePercent(new BigDecimal("-150.00"), new BigDecimal("-100.00")));
        assertDecimal("150.0", Decimals.changePercent(new BigDecimal("50.00"), new BigDecimal("-100.00")));
    }

    @Test
    void changePercentRoundsOnceFromTheExactValue() {
        // 12.2496 %: rounding to 12.25 first and then to one digit would give 12.3
        assertDecimal("12.2", Decimals.changePercent(new BigDecimal("11224.96"), new BigDecimal("10000.00")));
        assertDecimal("-12.2", Decimals.changePercent(new BigDecimal("8775.04"), new BigDecimal("10000.00")));
    }

    @ParameterizedTest
    @CsvSource({"10,4,2,2.50", "9,4,2,2.25", "14,3,2,4.67", "1,8,2,0.13", "-1,8,2,-0.13", "601,5,1,120.2",
            "0,3,2,0.00"})
    void averagesHaveTheGivenDigits(String sum, long count, int digits, String expected) {
        assertDecimal(expected, Decimals.average(new BigDecimal(sum), count, digits));
    }

    @Test
    void averageOfNothingIsNullAndANullSumIsZero() {
        assertNull(Decimals.average(new BigDecimal("5"), 0, 2));
        assertNull(Decimals.average(0, 0, 2));
        assertDecimal("0.0", Decimals.average(null, 3, 1));
        assertDecimal("4.33", Decimals.average(13, 3, Decimals.RATING_DIGITS));
    }

    @ParameterizedTest
    @CsvSource({"2.345,2.35", "-2.345,-2.35", "2.344999,2.34", "7,7.00", "0,0.00",
            "1234567890123.456,1234567890123.46"})
    void moneyHasTwoDigits(String amount, String expected) {
        assertDecimal(expected, Decimals.money(new BigDecimal(amount)));
    }

    @Test
    void moneyOfNoRowsIsZero() {
        assertDecimal("0.00", Decimals.money(null));
    }

    @Test
    void minutesHaveOneDigit() {
        assertDecimal("45.6", Decimals.minutes(new BigDecimal("2733")));
        assertDecimal("-45.6", Decimals.minutes(new BigDecimal("-2733")), "negative waits are kept");
        assertDecimal("45.5", Decimals.minutes(new BigDecimal("2732.999")));
        assertDecimal("0.0", Decimals.minutes(BigDecimal.ZERO));
        assertDecimal("1.5", Decimals.minutes(Double.valueOf(90.0)));
        assertDecimal("0.1", Decimals.minutes(Double.valueOf(3.0)), "0.05 minutes, half up");
        assertNull(Decimals.minutes((BigDecimal) null));
        assertNull(Decimals.minutes((Double) null));
    }

    @Test
    void notANumberIsABugNotAnAnswer() {
        assertThrows(IllegalArgumentException.class, () -> Decimals.minutes(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Decimals.minutes(Double.POSITIVE_INFINITY));
    }

    @Test
    void averageMinutesRoundOnceFromTheSumOfSeconds() {
        assertDecimal("45.6", Decimals.averageMinutes(new BigDecimal("5466"), 2));
        // 89 s over 3 consultations: 0.4944 minutes
        assertDecimal("0.5", Decimals.averageMinutes(new BigDecimal("89"), 3));
        // 1.4496 minutes: rounding to 1.45 on the way would give 1.5
        assertDecimal("1.4", Decimals.averageMinutes(new BigDecimal("260.928"), 3));
        assertNull(Decimals.averageMinutes(new BigDecimal("10"), 0));
    }
}
