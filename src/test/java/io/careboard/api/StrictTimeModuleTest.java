package io.careboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictTimeModuleTest {

    record Times(Instant at, LocalDate day) {
    }

    private final ObjectMapper mapper = JsonConventions.apply(new ObjectMapper().findAndRegisterModules());

    @ParameterizedTest
    @CsvSource({
            "2026-11-26T14:05:00Z, 2026-11-26T14:05:00Z",
            "2026-11-26T15:05:00+01:00, 2026-11-26T14:05:00Z",
            "2026-11-26T14:05Z, 2026-11-26T14:05:00Z",
            "2026-11-26T14:05:00.123456789-00:30, 2026-11-26T14:35:00.123456789Z"})
    void instantsWithAnOffsetAreRead(String text, Instant expected) throws Exception {
        assertEquals(expected, mapper.readValue("{\"at\":\"" + text + "\"}", Times.class).at());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"2026-11-26T14:05:00\"", "\"2026-11-26\"", "1700000000", "1.7e9", "[2026,11,26]",
            "\"+10000-01-01T00:00:00Z\"", "\"0000-12-31T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"", "true", "\"\"" })
    void anythingElseIsNotAnInstant(String json) {
        MismatchedInputException failure = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"at\":" + json + "}", Times.class));
        assertEquals("at", failure.getPath().get(0).getFieldName());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"1980-01-01T00:00:00Z\"", "[1980,1,1]", "19800101", "\"1980-1-1\"", "\"+20000-01-01\"",
            "\"1980-02-30\"" })
    void aDateIsOnlyYearMonthDay(String json) throws Exception {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"day\":" + json + "}", Times.class));
        assertEquals(LocalDate.of(1980, 2, 29), mapper.readValue("{\"day\":\"1980-02-29\"}", Times.class).day());
    }
}
