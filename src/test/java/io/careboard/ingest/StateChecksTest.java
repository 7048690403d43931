package io.careboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.problem.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateChecksTest {

    private final List<FieldError> errors = new ArrayList<>();
    private final StateChecks checks = new StateChecks("[2].", errors);

    @Test
    void instantsAreCutToMicroseconds() {
        assertEquals(Instant.parse("2026-11-01T10:00:00.123456Z"),
                checks.instant(Instant.parse("2026-11-01T10:00:00.123456789Z")));
        assertEquals(null, checks.instant(null));
    }

    @Test
    void moneyTakesTwoFractionDigits() {
        assertEquals(new BigDecimal("40.00"), checks.money("fee", new BigDecimal("40")));
        assertEquals(new BigDecimal("40.50"), checks.money("fee", new BigDecimal("40.5000")));
        assertEquals(new BigDecimal("0.00"), checks.money("fee", new BigDecimal("0E+3")));
        assertEquals(new BigDecimal("999999999999.99"), checks.money("fee", new BigDecimal("999999999999.99")));
        assertEquals(List.of(), errors);
    }

    @Test
    void moneyRejectsWhatTheColumnCannotHold() {
        checks.money("fee", new BigDecimal("10.005"));
        checks.money("amount", new BigDecimal("-0.01"));
        checks.money("refunded_amount", new BigDecimal("1E+12"));
        assertEquals(List.of("[2].fee", "[2].amount", "[2].refunded_amount"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void decimalsKeepTheirScale() {
        assertEquals(new BigDecimal("120.5000"), checks.decimal("value", new BigDecimal("120.5"), 8, 4));
        assertEquals(new BigDecimal("-3.1416"), checks.decimal("value", new BigDecimal("-3.1416"), 8, 4));
        checks.decimal("value", new BigDecimal("1.23456"), 8, 4);
        assertEquals(List.of(new FieldError("[2].value", "must have at most 4 fraction digits")), errors);
    }

    @Test
    void requireReportsTheField() {
        checks.require(true, "ended_at", "unused");
        checks.require(false, "ended_at", "must not be before started_at");
        assertEquals(List.of(new FieldError("[2].ended_at", "must not be before started_at")), errors);
    }
}
