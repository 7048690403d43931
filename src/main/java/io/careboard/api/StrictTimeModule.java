package io.careboard.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/**
 * Reads instants and dates the way the contract writes them (§1) and nothing else: an instant is
 * an ISO-8601 string with an offset ({@code 2026-11-26T14:05:00Z}), a date is {@code YYYY-MM-DD},
 * both with a year from 1 to 9999. Jackson's defaults would also take epoch numbers, arrays,
 * offset-less date-times cut to a date, and years PostgreSQL cannot store.
 */
public final class StrictTimeModule extends SimpleModule {

    public StrictTimeModule() {
        super("careboard-strict-time");
        addDeserializer(Instant.class, new Strict<>(Instant.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME,
                "an ISO-8601 instant with offset, like 2026-11-26T14:05:00Z",
                parsed -> OffsetDateTime.from(parsed).toInstant(),
                parsed -> OffsetDateTime.from(parsed).getYear()));
        addDeserializer(LocalDate.class, new Strict<>(LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE,
                "a date like 2026-11-26", LocalDate::from, parsed -> LocalDate.from(parsed).getYear()));
    }

    private static final class Strict<T> extends StdScalarDeserializer<T> {
        private final transient DateTimeFormatter format;
        private final String expected;
        private final transient Function<TemporalAccessor, T> convert;
        private final transient Function<TemporalAccessor, Integer> year;

        Strict(Class<T> type, DateTimeFormatter format, String expected, Function<TemporalAccessor, T> convert,
                Function<TemporalAccessor, Integer> year) {
            super(type);
            this.format = format;
            this.expected = expected;
            this.convert = convert;
            this.year = year;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw MismatchedInputException.from(parser, handledType(), "must be " + expected);
            }
            String text = parser.getText();
            try {
                TemporalAccessor parsed = format.parse(text);
                int y = year.apply(parsed);
                if (y >= 1 && y <= 9999) {
                    return convert.apply(parsed);
                }
            } catch (DateTimeParseException e) {
                // answered below, with what is expected
            }
            throw InvalidFormatException.from(parser, "must be " + expected, text, handledType());
        }
    }
}
