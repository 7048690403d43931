package io.careboard.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose JSON and database spelling is its lower-case wire name ({@code in_progress}).
 * Jackson reads it through {@code WireEnumModule}; JPA stores it through {@link Converter}.
 */
public interface WireEnum {

    /** The lower-case constant name; the enum's {@code name()} comes from {@link Enum}. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    String name();

    /** The constant spelled {@code wire}, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
    }

    /** Every wire name of {@code type}, in declaration order. */
    static List<String> names(Class<? extends WireEnum> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
    }

    /** Stores a {@link WireEnum} as its wire name. */
    abstract class Converter<E extends Enum<E> & WireEnum> implements AttributeConverter<E, String> {
        private final Class<E> type;

        protected Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wire();
        }

        @Override
        public E convertToEntityAttribute(String column) {
            return column == null
                    ? null
                    : parse(type, column).orElseThrow(() -> new IllegalStateException(
                            "unknown " + type.getSimpleName() + " '" + column + "' in the database"));
        }
    }
}
