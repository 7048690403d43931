package io.careboard.domain;

/** What became of a payment. */
public enum PaymentStatus implements WireEnum {
    PAID, REFUNDED, FAILED;

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireEnum.Converter<PaymentStatus> {
        public Converter() { super(PaymentStatus.class); }
    }
}
