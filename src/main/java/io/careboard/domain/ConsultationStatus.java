package io.careboard.domain;

/** Where a consultation is in its life. */
public enum ConsultationStatus implements WireEnum {
    SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW;

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireEnum.Converter<ConsultationStatus> {
        public Converter() { super(ConsultationStatus.class); }
    }
}
