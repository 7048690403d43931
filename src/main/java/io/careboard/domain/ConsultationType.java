package io.careboard.domain;

/** How a consultation is held. */
public enum ConsultationType implements WireEnum {
    VIDEO, AUDIO, CHAT;

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireEnum.Converter<ConsultationType> {
        public Converter() { super(ConsultationType.class); }
    }
}
