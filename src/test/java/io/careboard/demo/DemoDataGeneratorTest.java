package io.careboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.demo.DemoDataGenerator.ReadModelNotEmptyException;
import io.careboard.demo.DemoDataGenerator.Report;
import io.careboard.demo.DemoDataGenerator.Request;
import io.careboard.metrics.rollup.RollupMaintenance;
import io.careboard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator against the real PostgreSQL test database, at a small size. */
@QuarkusTest
class DemoDataGeneratorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-26T14:05:00Z");
    private static final int CONSULTATIONS = 5_000;

    @Inject
    DemoDataGenerator generator;

    @Inject
    DataSource dataSource;

    @Inject
    RollupMaintenance rollups;

    @Inject
    Fixtures fixtures;

    @AfterEach
    void leaveTheDatabaseEmpty() {
        fixtures.reset();
    }

    private Report generate(long seed) {
        return generator.generate(new Request(seed, CONSULTATIONS, ANCHOR, ZoneId.of("UTC"), true));
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOtherRows() throws SQLException {
        generate(42);
        Map<String, String> first = checksums();
        generate(42);
        Map<String, String> second = checksums();
        generate(43);
        Map<String, String> otherSeed = checksums();

        assertEquals(first, second);
        for (String table : DemoDataGenerator.TABLES) {
            assertNotEquals(first.get(table), otherSeed.get(table), table);
        }
    }

    @Test
    void sizesFollowTheRequest() {
        Map<String, Long> rows = generate(42).rows();

        assertEquals(CONSULTATIONS, rows.get("consultations"));
        assertEquals(20, rows.get("doctors"));
        assertEquals(CONSULTATIONS / 4, rows.get("patients"));
        assertBetween(0.70, 0.82, rows.get("payments") / (double) CONSULTATIONS, "payments per consultation");
        assertBetween(0.30, 0.40, rows.get("ratings") / (double) CONSULTATIONS, "ratings per consultation");
        assertBetween(0.7, 1.1, rows.get("health_observations") / (double) CONSULTATIONS, "readings per consultation");
    }

    @Test
    void consultationsKeepTheirInvariants() throws SQLException {
        generate(42);

        assertNone("select * from consultations where ended_at < started_at");
        assertNone("""
                select * from consultations
                where (started_at is not null) <> (status in ('completed', 'in_progress'))
                   or (ended_at is not null) <> (status = 'completed')
                   or (cancelled_at is not null) <> (status = 'cancelled')
                   or (diagnosis_code is not null and status <> 'completed')""");
        assertNone("""
                select * from consultations
                where status = 'scheduled'
                  and scheduled_at < timestamptz '%s' - interval '1 hour'""".formatted(ANCHOR));
        assertNone("""
                select * from consultations
                where greatest(started_at, ended_at, cancelled_at, updated_at) > timestamptz '%s'
                   or cancelled_at > scheduled_at""".formatted(ANCHOR));
        assertEquals(List.of("cancelled", "completed", "in_progress", "no_show", "scheduled"),
                column("select distinct status from consultations order by 1"));
        assertEquals(List.of("audio", "chat", "video"), column("select distinct type from consultations order by 1"));
        double completedShare = number("""
                select count(*) filter (where status = 'completed')::float8 / count(*)
                from consultations where status in ('completed', 'cancelled', 'no_show')""");
        assertBetween(0.80, 0.88, completedShare, "completed share of settled consultations");
        assertTrue(number("select count(*) from consultations where started_at < scheduled_at") > 0, "early starts");
        assertTrue(number("select count(*) from consultations where scheduled_at > timestamptz '%s'"
                .formatted(ANCHOR)) > 0, "bookings ahead");
        assertTrue(number("select count(distinct diagnosis_code) from consultations") >= 30, "diagnoses");
    }

    @Test
    void thirteenMonthsAreCovered() throws SQLException {
        generate(42);

        List<String> months = column("""
                select to_char(month, 'YYYY-MM') from generate_series(
                    date_trunc('month', timestamptz '%s' at time zone 'UTC' - interval '13 months'),
                    date_trunc('month', timestamptz '%1$s' at time zone 'UTC'), interval '1 month') month
                where not exists (select from consultations
                                  where date_trunc('month', scheduled_at at time zone 'UTC') = month)"""
                .formatted(ANCHOR));
        assertEquals(List.of(), months, "months without consultations");
    }

    @Test
    void paymentsAndRatingsBelongToTheirConsultationAndItsDoctor() throws SQLException {
        generate(42);

        assertNone("""
                select * from payments p join consultations c on c.id = p.consultation_id
                where p.doctor_id <> c.doctor_id or c.status <> 'completed' or p.amount <> c.fee
                   or p.paid_at < c.ended_at""");
        assertNone("""
                select * from payments
                where refunded_amount > amount or refunded_at < paid_at
                   or (status = 'failed') <> (paid_at is null)
                   or (status = 'refunded') <> (refunded_at is not null)
                   or (refunded_at is null) <> (refunded_amount is null)
                   or greatest(paid_at, refunded_at, updated_at) > timestamptz '%s'""".formatted(ANCHOR));
        assertTrue(number("select count(*) from payments where status = 'refunded' and refunded_amount < amount") > 0,
                "partial refunds");
        assertEquals(List.of("card", "insurance", "wallet"), column("select distinct method from payments order by 1"));
        assertEquals(List.of("failed", "paid", "refunded"), column("select distinct status from payments order by 1"));

        assertNone("select consultation_id from ratings group by 1 having count(*) > 1");
        assertNone("""
                select * from ratings r join consultations c on c.id = r.consultation_id
                where r.doctor_id <> c.doctor_id or c.status <> 'completed' or r.created_at < c.ended_at
                   or r.created_at > timestamptz '%s'""".formatted(ANCHOR));
        assertEquals(List.of("1", "2", "3", "4", "5"), column("select distinct score::text from ratings order by 1"));
        assertBetween(4.0, 4.5, number("select avg(score) from ratings"), "average score");
    }

    @Test
    void patientsDoctorsAndVitalsLookReal() throws SQLException {
        generate(42);

        assertEquals(List.of("female", "male", "other", "unknown"),
                column("select distinct sex from patients order by 1"));
        assertEquals(List.of("0-17", "18-34", "35-49", "50-64", "65+", "unknown"), column("""
                select distinct case when birth_date is null then 'unknown'
                                     when age(date '2026-11-26', birth_date) < interval '18 years' then '0-17'
                                     when age(date '2026-11-26', birth_date) < interval '35 years' then '18-34'
                                     when age(date '2026-11-26', birth_date) < interval '50 years' then '35-49'
                                     when age(date '2026-11-26', birth_date) < interval '65 years' then '50-64'
                                     else '65+' end as age_group
                from patients order by 1"""));
        assertEquals(12, number("select count(distinct specialty) from doctors"));
        assertTrue(number("select count(*) from doctors where not active") > 0, "inactive doctors");
        assertNone("""
                select * from consultations c join doctors d on d.id = c.doctor_id
                where not d.active and c.scheduled_at > timestamptz '%s' - interval '90 days'""".formatted(ANCHOR));
        assertEquals(20, number("select count(distinct full_name) from doctors"));

        assertEquals(List.of("2339-0 mg/dL", "39156-5 kg/m2", "8462-4 mmHg", "8480-6 mmHg", "8867-4 /min"),
                column("select distinct code || ' ' || unit from health_observations order by 1"));
        assertNone("""
                select code from health_observations group by code
                having avg(value) not between case code when '8480-6' then 110 when '8462-4' then 65
                                                        when '8867-4' then 65 when '2339-0' then 85 else 20 end
                                          and case code when '8480-6' then 140 when '8462-4' then 85
                                                        when '8867-4' then 90 when '2339-0' then 130 else 30 end""");
        assertNone("""
                select * from health_observations o
                where o.observed_at > timestamptz '%s'
                   or not exists (select from consultations c where c.patient_id = o.patient_id
                                  and o.observed_at between c.started_at and c.ended_at + interval '10 minutes')"""
                .formatted(ANCHOR));
    }

    @Test
    void leavesTheSchemaAsFlywayMadeItAndBumpsTheDataVersion() throws SQLException {
        String schemaBefore = schema();
        String version = "select case when is_called then last_value else 0 end from data_version_seq";
        double versionBefore = number(version);

        generate(42);

        assertEquals(schemaBefore, schema());
        assertTrue(number(version) > versionBefore);
    }

    @Test
    void replacingTheDataEmptiesWhatWasDerivedFromTheOldData() throws SQLException {
        generate(42);
        rollups.maintain();
        assertTrue(number("select count(*) from rollup_consultations") > 0, "rollups built");
        assertTrue(number("select count(*) from rollup_state") > 0, "rollup state kept");

        generate(43);

        List<String> derived = column("""
                select c.relname from pg_class c
                where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
                  and c.relname not in ('doctors', 'patients', 'consultations', 'ratings', 'payments',
                                        'health_observations', 'flyway_schema_history')""");
        assertTrue(derived.contains("rollup_state"), derived.toString());
        for (String table : derived) {
            assertEquals(0, number("select count(*) from " + table), table + " still holds rows of the old data");
        }
    }

    @Test
    void refusesToOverwriteDataUnlessToldToReplaceIt() throws SQLException {
        generate(42);
        Map<String, String> before = checksums();

        assertThrows(ReadModelNotEmptyException.class,
                () -> generator.generate(new Request(7, CONSULTATIONS, ANCHOR, ZoneId.of("UTC"), false)));

        assertEquals(before, checksums());
        assertFalse(generator.readModelEmpty());
    }

    @Test
    void refusesSizesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new Request(42, 99, ANCHOR, ZoneId.of("UTC"), true));
        assertThrows(IllegalArgumentException.class, () -> new Request(42, 50_000_001, ANCHOR, ZoneId.of("UTC"), true));
    }

    /** An order-independent checksum of each table's rows. */
    private Map<String, String> checksums() throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : DemoDataGenerator.TABLES) {
            sums.put(table, column("select count(*) || ':' || md5(string_agg(md5(t::text), '' order by md5(t::text)))"
                    + " from " + table + " t").get(0));
        }
        return sums;
    }

    /** Every index, constraint and relation of the schema, with its definition. */
    private String schema() throws SQLException {
        return String.join("\n", column("""
                select kind || ' ' || definition from (
                    select 'index' as kind, indexdef as definition from pg_indexes where schemaname = current_schema()
                    union all
                    select 'constraint', conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                                         || ' validated=' || convalidated
                    from pg_constraint where connamespace = current_schema()::regnamespace
                    union all
                    select 'relation', relname || ' kind=' || relkind::text || ' persistence=' || relpersistence::text
                    from pg_class where relnamespace = current_schema()::regnamespace
                    union all
                    select 'function', proname from pg_proc where pronamespace = current_schema()::regnamespace
                    union all
                    select 'trigger', pg_get_triggerdef(oid) || ' enabled=' || tgenabled::text
                    from pg_trigger where not tgisinternal
                      and tgrelid::regclass::text in
                          (select tablename from pg_tables where schemaname = current_schema())
                ) s order by 1"""));
    }

    private void assertNone(String sql) throws SQLException {
        List<String> rows = column("select row_to_json(found)::text from (" + sql + ") found limit 3");
        assertEquals(List.of(), rows, sql);
    }

    private static void assertBetween(double low, double high, double actual, String what) {
        assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected " + low + " .. " + high);
    }

    private double number(String sql) throws SQLException {
        return Double.parseDouble(column(sql).get(0));
    }

    private List<String> column(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }
}
