package io.careboard.demo;

import io.careboard.domain.Consultation;
import io.careboard.domain.ConsultationRepository;
import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.careboard.domain.Doctor;
import io.careboard.domain.DoctorRepository;
import io.careboard.domain.HealthObservation;
import io.careboard.domain.HealthObservationRepository;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.Patient;
import io.careboard.domain.PatientRepository;
import io.careboard.domain.PaymentRepository;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the live simulator reads of the platform's current state, through the domain repositories;
 * each call is a short read transaction, and answers state records, never entities.
 */
@ApplicationScoped
@Transactional
class PlatformState {

    /** An entity's id and its current state. */
    record Current<S>(String id, S state) {
    }

    private final DoctorRepository doctors;
    private final PatientRepository patients;
    private final ConsultationRepository consultations;
    private final PaymentRepository payments;
    private final HealthObservationRepository observations;

    PlatformState(DoctorRepository doctors, PatientRepository patients, ConsultationRepository consultations,
            PaymentRepository payments, HealthObservationRepository observations) {
        this.doctors = doctors;
        this.patients = patients;
        this.consultations = consultations;
        this.payments = payments;
        this.observations = observations;
    }

    /** Scheduled consultations due by {@code horizon}, earliest first. */
    List<Current<ConsultationState>> scheduledUntil(Instant horizon, int limit) {
        return consultations(consultations.find("status = ?1 and scheduledAt <= ?2 order by scheduledAt, id",
                ConsultationStatus.SCHEDULED, horizon).range(0, limit - 1).list());
    }

    /** Consultations in progress, longest running first. */
    List<Current<ConsultationState>> inProgress(int limit) {
        return consultations(consultations.find("status = ?1 order by scheduledAt, id", ConsultationStatus.IN_PROGRESS)
                .range(0, limit - 1).list());
    }

    /** Consultations completed since {@code since} that have no rating yet, oldest first. */
    List<Current<ConsultationState>> completedUnratedSince(Instant since, int limit) {
        return consultations(consultations.find("""
                from Consultation c where c.status = ?1 and c.endedAt >= ?2
                and not exists (from Rating r where r.consultationId = c.id)
                order by c.endedAt, c.id""", ConsultationStatus.COMPLETED, since).range(0, limit - 1).list());
    }

    /** Payments paid (and not refunded) since {@code since}, oldest first. */
    List<Current<PaymentState>> paidSince(Instant since, int limit) {
        return payments.find("status = ?1 and paidAt >= ?2 order by paidAt, id", PaymentStatus.PAID, since)
                .range(0, limit - 1).list().stream().map(p -> new Current<>(p.id(), p.state())).toList();
    }

    long activeDoctors() {
        return doctors.count("active", true);
    }

    /** The {@code index}-th active doctor in id order. */
    Optional<String> activeDoctor(int index) {
        return doctors.find("active = ?1 order by id", true).range(index, index).firstResultOptional().map(Doctor::id);
    }

    long patients() {
        return patients.count();
    }

    /** The {@code index}-th patient in id order. */
    Optional<String> patient(int index) {
        return patients.findAll(Sort.by("id")).range(index, index).firstResultOptional()
                .map(Patient::id);
    }

    /** The fee of the doctor's latest consultation of this type, or of any type. */
    Optional<BigDecimal> latestFee(String doctorId, ConsultationType type) {
        return consultations.find("doctorId = ?1 and type = ?2 order by scheduledAt desc", doctorId, type)
                .firstResultOptional()
                .or(() -> consultations.find("doctorId = ?1 order by scheduledAt desc", doctorId).firstResultOptional())
                .map(c -> c.state().fee());
    }

    /** The diagnoses of the doctor's latest completed consultations, as often as they were made. */
    List<String> recentDiagnoses(String doctorId, int limit) {
        return consultations.find("doctorId = ?1 and diagnosisCode is not null order by scheduledAt desc", doctorId)
                .range(0, limit - 1).list().stream().map(c -> c.state().diagnosisCode()).toList();
    }

    /** The patient's latest reading of {@code code}. */
    Optional<HealthObservationState> latestReading(String patientId, String code) {
        return observations.find("patientId = ?1 and code = ?2 order by observedAt desc", patientId, code)
                .firstResultOptional().map(HealthObservation::state);
    }

    /** The latest readings of {@code code} across all patients. */
    List<HealthObservationState> recentReadings(String code, int limit) {
        return observations.find("code = ?1 order by observedAt desc", code).range(0, limit - 1).list().stream()
                .map(HealthObservation::state).toList();
    }

    private static List<Current<ConsultationState>> consultations(List<Consultation> found) {
        return found.stream().map(c -> new Current<>(c.id(), c.state())).toList();
    }
}
