package io.careboard.support;

import io.careboard.cache.CacheCoherence;
import io.careboard.metrics.MetricFamily;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Hand-built read-model rows for metric tests, written with plain SQL so the expected figures
 * depend on nothing but the test's own arithmetic. {@link #reset()} empties the database and
 * the test Redis database.
 */
@ApplicationScoped
public class Fixtures {

    private final EntityManager entityManager;
    private final RedisDataSource redis;
    private final CacheCoherence caches;

    Fixtures(EntityManager entityManager, RedisDataSource redis, CacheCoherence caches) {
        this.entityManager = entityManager;
        this.redis = redis;
        this.caches = caches;
    }

    /**
     * Empties every read-model table and the rollups built from them (or a test's clean days would
     * show an earlier test's rows), the metric caches (near-cache included) and the test's Redis
     * database.
     */
    public void reset() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "truncate health_observations, payment_repeats, payments, ratings, consultations, patients, doctors").executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                do $$ begin
                    execute (select 'truncate ' || string_agg(quote_ident(tablename), ', ') from pg_tables
                             where schemaname = current_schema() and tablename like 'rollup\\_%');
                end $$""").executeUpdate());
        caches.invalidate(List.of(MetricFamily.values()));
        redis.execute("FLUSHDB");
    }

    public Fixtures doctor(String id, String fullName, String specialty) {
        return doctor(id, fullName, specialty, true);
    }

    public Fixtures doctor(String id, String fullName, String specialty, boolean active) {
        return sql("insert into doctors (id, full_name, specialty, active, updated_at) values (?1, ?2, ?3, ?4, now())",
                id, fullName, specialty, active);
    }

    /** A patient; {@code birthDate} may be null (unknown). */
    public Fixtures patient(String id, LocalDate birthDate, String sex) {
        return sql("insert into patients (id, birth_date, sex, updated_at) values (?1, ?2, ?3, now())", id, birthDate,
                sex);
    }

    /** A consultation with its times (each may be null) and no diagnosis. */
    public Fixtures consultation(String id, String doctorId, String patientId, String type, String status,
            Instant scheduledAt, Instant startedAt, Instant endedAt) {
        return consultation(id, doctorId, patientId, type, status, scheduledAt, startedAt, endedAt, null,
                new BigDecimal("50.00"));
    }

    public Fixtures consultation(String id, String doctorId, String patientId, String type, String status,
            Instant scheduledAt, Instant startedAt, Instant endedAt, String diagnosisCode, BigDecimal fee) {
        return sql("""
                insert into consultations (id, doctor_id, patient_id, type, status, scheduled_at, started_at, ended_at,
                                           cancelled_at, fee, diagnosis_code, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                        case when ?5 in ('cancelled', 'no_show') then cast(?6 as timestamptz) end, ?9, ?10, now())""",
                id, doctorId, patientId, type, status, scheduledAt, startedAt, endedAt, fee, diagnosisCode);
    }

    /** A rating; its doctor is its consultation's. */
    public Fixtures rating(String id, String consultationId, int score, Instant createdAt) {
        return sql("""
                insert into ratings (id, consultation_id, doctor_id, score, created_at)
                select ?1, c.id, c.doctor_id, ?2, ?3 from consultations c where c.id = ?4""",
                id, (short) score, createdAt, consultationId);
    }

    /** A payment; refundedAt and refundedAmount may be null. Its doctor is its consultation's. */
    public Fixtures payment(String id, String consultationId, String amount, String method, String status,
            Instant paidAt, Instant refundedAt, String refundedAmount) {
        return sql("""
                insert into payments (id, consultation_id, doctor_id, amount, method, status, paid_at, refunded_at,
                                      refunded_amount, updated_at)
                select ?1, c.id, c.doctor_id, ?2, ?3, ?4, ?5, ?6, ?7, now() from consultations c where c.id = ?8""",
                id, new BigDecimal(amount), method, status, paidAt, refundedAt,
                refundedAmount == null ? null : new BigDecimal(refundedAmount), consultationId);
    }

    public Fixtures observation(String id, String patientId, String code, String value, String unit,
            Instant observedAt) {
        return sql("""
                insert into health_observations (id, patient_id, code, value, unit, observed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""", id, patientId, code, new BigDecimal(value), unit, observedAt);
    }

    /** Marks the data as changed, as ingestion does, so versions move. */
    public Fixtures bumpVersion() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "select nextval('data_version_seq')").getSingleResult());
        return this;
    }

    private Fixtures sql(String statement, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = entityManager.createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
        return this;
    }
}
