package io.careboard.domain;

/** How a payment was made. */
public enum PaymentMethod implements WireEnum {
    CARD, INSURANCE, WALLET;

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireEnum.Converter<PaymentMethod> {
        public Converter() { super(PaymentMethod.class); }
    }
}
