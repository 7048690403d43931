package io.careboard.metrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricServices;
import io.careboard.metrics.period.Granularity;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.support.Fixtures;
import io.careboard.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollups change how figures are read, never what they are: every family, every named period
 * and range granularity, in every rollup zone, answers the same from rollups as from raw rows
 * alone — after the first build, and after late changes to built days (read raw until rebuilt,
 * then from the rebuilt rollups).
 */
@QuarkusTest
class RollupConsistencyTest {

    private static final Instant NOW = Instant.parse("2026-11-20T15:30:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"));

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    MetricServices services;

    @Inject
    RollupMaintenance maintenance;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void randomPlatform() {
        fixtures.reset();
        clock.freezeAt(NOW);
        RandomPlatform platform = new RandomPlatform(new Random(20261120), fixtures);
        platform.generate(NOW.minus(Duration.ofDays(420)), NOW.plus(Duration.ofDays(3)), 1000);
        platform.doctorsWithoutConsultations(NOW);
        platform.crowdsAndBirthdays(NOW);
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void rollupsAnswerExactlyWhatRawRowsAnswer() {
        Map<String, String> raw = answers(NOW);
        maintenance.maintain();
        assertThat(count("select count(*) from rollup_state")).isEqualTo(ZONES.size());
        assertThat(count("select count(*) from rollup_consultations")).isPositive();
        assertLastSeenCounted();
        assertSame(raw, answers(NOW));
        assertPaidConsultationsAreDistinct();

        // Late changes to built days: a consultation moved to another patient and day, a refund,
        // a new rating and a rescheduled one, a doctor who changed specialty, a second payment
        // of a consultation paid on a built day, and a second payment that failed after all.
        QuarkusTransaction.requiringNew().run(() -> {
            sql("update consultations set patient_id = (select min(id) from patients), scheduled_at = scheduled_at"
                    + " - interval '3 days', status = 'completed', updated_at = now()"
                    + " where id = (select min(id) from consultations where scheduled_at < now() - interval '40 days')");
            sql("update payments set status = 'refunded', refunded_at = paid_at + interval '2 days', updated_at = now()"
                    + " where id = (select min(id) from payments where status = 'paid' and paid_at < now() - interval '9 days')");
            sql("update ratings set score = 1, created_at = created_at - interval '100 days'"
                    + " where id = (select max(id) from ratings)");
            sql("update doctors set specialty = 'neurology', updated_at = now() where id = (select min(id) from doctors)");
            sql("insert into payments (id, consultation_id, doctor_id, amount, method, status, paid_at, updated_at)"
                    + " select 'late-' || id, consultation_id, doctor_id, 12.50, 'wallet', 'paid',"
                    + " paid_at + interval '1 hour', now() from payments where id = (select min(id) from payments"
                    + " where status = 'paid' and paid_at < now() - interval '20 days')");
            sql("update payments set status = 'failed', paid_at = null, updated_at = now()"
                    + " where id = (select min(id) from payments where id like 'pay%b'"
                    + " and paid_at < now() - interval '9 days')");
            sql("update patients set sex = 'other', birth_date = date '1950-01-01', updated_at = now()"
                    + " where id = (select max(id) from patients)");
            // Health: a new diagnosis, a patient who turns 18 later than thought, a cancelled
            // consultation deleted, and vitals moved to another patient and day.
            sql("update consultations set diagnosis_code = 'K21.9', updated_at = now()"
                    + " where id = (select min(id) from consultations where status = 'completed'"
                    + " and scheduled_at between now() - interval '30 days' and now() - interval '10 days')");
            sql("update patients set birth_date = date '2008-11-05', updated_at = now() where id = 'turns18'");
            String cancelled = "(select max(id) from consultations where status = 'cancelled'"
                    + " and scheduled_at < now() - interval '60 days')";
            sql("delete from payments where consultation_id = " + cancelled);
            sql("delete from ratings where consultation_id = " + cancelled);
            sql("delete from consultations where id = " + cancelled);
            sql("update health_observations set observed_at = observed_at - interval '20 days', patient_id = 'p3'"
                    + " where id = (select min(id) from health_observations where observed_at < now() - interval '20 days')");
        });
        // A new patient seen on a built day, and a reading on a day with many.
        fixtures.patient("late", LocalDate.of(2008, 11, 10), "female")
                .consultation("late-c", "d1", "late", "video", "completed", NOW.minus(Duration.ofDays(15)), null, null,
                        "K21.9", new BigDecimal("40.00"))
                .observation("late-o", "p4", "2339-0", "99", "mg/dL", NOW.minus(Duration.ofDays(3)));
        assertThat(count("select count(*) from rollup_dirty_hours")).isPositive();
        assertThat(count("select count(*) from rollup_dirty_patients")).isPositive();
        Map<String, String> changedRaw = rawAnswers(NOW);
        assertSame(changedRaw, answers(NOW));
        assertPaidConsultationsAreDistinct();
        maintenance.maintain();
        assertThat(count("select count(*) from rollup_dirty_hours")).isZero();
        assertThat(count("select count(*) from rollup_dirty_patients")).isZero();
        assertLastSeenCounted();
        assertSame(changedRaw, answers(NOW));
    }

    /**
     * Windows that do not end where the rollups do: the maintenance a day behind (yesterday is not
     * built yet), and a clock turned back a month (built days after the window's end, so the
     * last-seen rows cannot tell who was seen in it).
     */
    @Test
    void windowsThatDoNotEndAtTheBuildBoundaryAnswerAsRawRows() {
        maintenance.maintain();
        for (Instant now : List.of(NOW.plus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(30)))) {
            clock.freezeAt(now);
            assertSame(rawAnswers(now), answers(now));
        }
    }

    @Test
    void theWeeklyCleanUpDropsTheRollupsOfZonesNoLongerConfigured() {
        maintenance.maintain();
        QuarkusTransaction.requiringNew().run(() -> {
            sql("insert into rollup_state select 'Asia/Tokyo', built_from, clean_until, built_until, built_until_at,"
                    + " updated_at from rollup_state where zone = 'UTC'");
            sql("insert into rollup_consultations select 'Asia/Tokyo', day, specialty, type, status, consultations,"
                    + " duration_us, durations, wait_us, waits from rollup_consultations where zone = 'UTC'");
        });
        long configuredRows = count("select count(*) from rollup_consultations where zone <> 'Asia/Tokyo'");
        long tokyoRows = count("select count(*) from rollup_consultations where zone = 'Asia/Tokyo'");
        int dropped = QuarkusTransaction.requiringNew().call(maintenance::dropUnconfiguredZones);
        assertThat(dropped).isEqualTo(tokyoRows + 1); // its rows and its state
        assertThat(count("select count(*) from rollup_state where zone = 'Asia/Tokyo'")).isZero();
        assertThat(count("select count(*) from rollup_consultations")).isEqualTo(configuredRows);
    }

    /**
     * Both ways above subtract the same repeats from the gross payments, so this checks that
     * correction on its own: every revenue answer's paid consultations against a distinct count.
     */
    private void assertPaidConsultationsAreDistinct() {
        for (MetricQuery query : queries(NOW)) {
            if (query.family() != MetricFamily.REVENUE) {
                continue;
            }
            long distinct = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "select count(distinct consultation_id) from payments where status in ('paid', 'refunded')"
                            + " and paid_at >= ?1 and paid_at < ?2")
                    .setParameter(1, query.period().current().from())
                    .setParameter(2, query.period().current().endExclusive()).getSingleResult()).longValue());
            long answered = readTree(json(query)).get("paid_consultations").asLong();
            assertThat(answered).as(query.cacheKey()).isEqualTo(distinct);
        }
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** rollup_last_seen_days counts exactly the rows of rollup_patient_last_seen. */
    private void assertLastSeenCounted() {
        String counted = "select zone, last_day, age_group, sex, count(*) from rollup_patient_last_seen group by 1, 2, 3, 4";
        String counts = "select zone, last_day, age_group, sex, patients from rollup_last_seen_days";
        assertThat(count("select count(*) from ((" + counted + " except " + counts + ") union all (" + counts
                + " except " + counted + ")) difference")).isZero();
        assertThat(count("select count(*) from rollup_last_seen_days")).isPositive();
    }

    /** Every answer with the rollups as they are. */
    private Map<String, String> answers(Instant now) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (MetricQuery query : queries(now)) {
            answers.put(query.family().wire() + " " + query.cacheKey(), json(query));
        }
        return answers;
    }

    /** Every answer from raw rows only: without a build state, no day counts as built. */
    private Map<String, String> rawAnswers(Instant now) {
        List<Object[]> states = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select * from rollup_state").getResultList();
            sql("delete from rollup_state");
            return rows;
        });
        try {
            return answers(now);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Object[] state : states) {
                    var insert = entityManager.createNativeQuery("insert into rollup_state values (?1, ?2, ?3, ?4, ?5, ?6)");
                    for (int i = 0; i < state.length; i++) {
                        insert.setParameter(i + 1, state[i]);
                    }
                    insert.executeUpdate();
                }
            });
        }
    }

    private List<MetricQuery> queries(Instant now) {
        List<MetricQuery> queries = new ArrayList<>();
        for (ZoneId zone : ZONES) {
            for (MetricFamily family : MetricFamily.topics()) {
                for (PeriodName period : PeriodName.values()) {
                    queries.add(MetricQuery.of(family, ResolvedPeriod.named(period, zone, now)));
                }
            }
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (Granularity granularity : List.of(Granularity.DAY, Granularity.WEEK, Granularity.MONTH)) {
                queries.add(MetricQuery.of(MetricFamily.RANGE,
                        ResolvedPeriod.range(today.minusDays(400), today.plusDays(2), granularity, zone)));
            }
            queries.add(MetricQuery.of(MetricFamily.RANGE,
                    ResolvedPeriod.range(today.minusDays(20), today, Granularity.HOUR, zone)));
        }
        return queries;
    }

    private String json(MetricQuery query) {
        try {
            return mapper.writeValueAsString(services.of(query.family()).compute(query).data());
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void assertSame(Map<String, String> expected, Map<String, String> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, answer) -> assertThat(actual.get(key)).as(key).isEqualTo(answer));
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(
                () -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private void sql(String statement) {
        entityManager.createNativeQuery(statement).executeUpdate();
    }
}
