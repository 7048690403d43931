package io.careboard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.domain.Consultation;
import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.careboard.domain.Payment;
import io.careboard.domain.PaymentMethod;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.careboard.domain.event.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transition tables of consultations and payments, as pure functions of before and after. */
class TransitionEventsTest {

    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    private final ConsultationHandler consultations = new ConsultationHandler(null);
    private final PaymentHandler payments = new PaymentHandler(null);

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NONE, SCHEDULED, ConsultationCreated",
            "NONE, IN_PROGRESS, ConsultationCreated",
            "NONE, COMPLETED, ConsultationCreated ConsultationCompleted",
            "NONE, CANCELLED, ConsultationCreated ConsultationCancelled",
            "NONE, NO_SHOW, ConsultationCreated ConsultationCancelled",
            "SCHEDULED, IN_PROGRESS, ConsultationChanged",
            "SCHEDULED, SCHEDULED, ConsultationChanged",
            "IN_PROGRESS, COMPLETED, ConsultationCompleted",
            "SCHEDULED, COMPLETED, ConsultationCompleted",
            "COMPLETED, COMPLETED, ConsultationChanged",
            "SCHEDULED, CANCELLED, ConsultationCancelled",
            "CANCELLED, NO_SHOW, ConsultationCancelled",
            "CANCELLED, CANCELLED, ConsultationChanged",
            "COMPLETED, IN_PROGRESS, ConsultationChanged",
            "CANCELLED, SCHEDULED, ConsultationChanged"})
    void consultation(String before, ConsultationStatus after, String expected) {
        ConsultationState previous = before.equals("NONE") ? null : consultation(ConsultationStatus.valueOf(before));
        Consultation now = new Consultation("c1", consultation(after));
        assertEquals(List.of(expected.split(" ")), names(consultations.events(previous, now)));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NONE, PAID, PaymentRecorded",
            "NONE, REFUNDED, PaymentRecorded",
            "NONE, FAILED, PaymentChanged",
            "FAILED, PAID, PaymentRecorded",
            "PAID, REFUNDED, PaymentRecorded",
            "PAID, PAID, PaymentChanged",
            "REFUNDED, REFUNDED, PaymentChanged",
            "REFUNDED, PAID, PaymentRecorded",
            "PAID, FAILED, PaymentChanged"})
    void payment(String before, PaymentStatus after, String expected) {
        PaymentState previous = before.equals("NONE") ? null : payment(PaymentStatus.valueOf(before));
        Payment now = new Payment("pay1", payment(after), "d1");
        assertEquals(List.of(expected), names(payments.events(previous, now)));
    }

    private static List<String> names(List<DomainEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static ConsultationState consultation(ConsultationStatus status) {
        return new ConsultationState("d1", "p1", ConsultationType.CHAT, status, AT, null, null, null, BigDecimal.TEN,
                null, AT);
    }

    private static PaymentState payment(PaymentStatus status) {
        return new PaymentState("c1", BigDecimal.TEN, PaymentMethod.WALLET, status, AT, AT, null, AT);
    }
}
