package io.careboard.domain;

/** A patient's sex as the platform records it. */
public enum Sex implements WireEnum {
    FEMALE, MALE, OTHER, UNKNOWN;

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireEnum.Converter<Sex> {
        public Converter() { super(Sex.class); }
    }
}
