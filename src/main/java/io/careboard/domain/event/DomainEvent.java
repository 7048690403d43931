package io.careboard.domain.event;

/**
 * Something that changed in the read model. Fired by the ingestion service inside its
 * transaction and observed with {@code TransactionPhase.AFTER_SUCCESS}, so a rolled-back change
 * is never seen. One upsert fires one event per transition it makes.
 */
public sealed interface DomainEvent permits ConsultationCreated, ConsultationCompleted, ConsultationCancelled,
        ConsultationChanged, RatingCreated, RatingChanged, PaymentRecorded, PaymentChanged, HealthDataUpdated,
        DoctorChanged {
}
