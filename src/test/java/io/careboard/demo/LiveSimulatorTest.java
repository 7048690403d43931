package io.careboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.demo.DemoDataGenerator.Request;
import io.careboard.demo.LiveSimulator.TickReport;
import io.careboard.domain.event.ConsultationCancelled;
import io.careboard.domain.event.ConsultationCompleted;
import io.careboard.domain.event.ConsultationCreated;
import io.careboard.domain.event.HealthDataUpdated;
import io.careboard.domain.event.PaymentRecorded;
import io.careboard.domain.event.RatingCreated;
import io.careboard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator on a small generated platform, driven tick by tick with explicit instants. */
@QuarkusTest
class LiveSimulatorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-26T14:05:00Z");

    @Inject
    DemoDataGenerator generator;

    @Inject
    LiveSimulator simulator;

    @Inject
    EventCounter events;

    @Inject
    DataSource dataSource;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void generatePlatform() {
        generator.generate(new Request(42, 2_000, ANCHOR, ZoneId.of("UTC"), true));
        events.clear();
    }

    @AfterEach
    void leaveTheDatabaseEmpty() {
        fixtures.reset();
    }

    @Test
    void ticksMoveConsultationsThroughTheirLifeThroughTheIngestionService() throws SQLException {
        double versionBefore = number("select last_value from data_version_seq");

        TickReport booking = simulator.tick(ANCHOR.plusSeconds(60), Duration.ofMinutes(30));
        assertTrue(booking.booked() > 100, "booked " + booking);
        assertEquals(booking.booked(), number("select count(*) from consultations where id like 'c-sim-%'"));
        assertEquals(booking.booked(), number("""
                select count(*) from consultations
                where id like 'c-sim-%' and status = 'scheduled'
                  and scheduled_at > timestamptz '2026-11-26T14:06:00Z'"""));

        List<TickReport> reports = new ArrayList<>(List.of(booking));
        for (int minutes = 15; minutes <= 8 * 60; minutes += 15) {
            reports.add(simulator.tick(ANCHOR.plus(Duration.ofMinutes(minutes)), Duration.ZERO));
        }
        TickReport total = reports.stream().reduce(LiveSimulatorTest::sum).orElseThrow();

        assertTrue(total.started() > 50 && total.completed() > 50, "started and completed: " + total);
        assertTrue(total.cancelled() > 0 && total.noShows() > 0, "cancelled and no-shows: " + total);
        assertTrue(total.payments() > 0 && total.refunds() > 0 && total.ratings() > 0 && total.readings() > 0,
                "follow-ups: " + total);
        assertEquals(booking.booked(), total.booked(), "no bookings without elapsed time");

        // Booked within the hour and settled by now: nothing of that stays scheduled or in progress.
        assertEquals(0, number("""
                select count(*) from consultations where id like 'c-sim-%'
                and status in ('scheduled', 'in_progress') and scheduled_at < timestamptz '2026-11-26T15:10:00Z'"""));
        assertEquals(total.completed(), number("""
                select count(*) from consultations
                where status = 'completed' and ended_at > timestamptz '2026-11-26T14:05:00Z'"""));
        assertEquals(0, number("""
                select count(*) from consultations c
                where c.updated_at > timestamptz '2026-11-26T14:05:00Z'
                  and ((c.status = 'completed' and (c.ended_at < c.started_at or c.started_at is null))
                    or (c.status = 'cancelled' and c.cancelled_at > c.scheduled_at))"""));
        assertEquals(0, number("""
                select count(*) from payments p join consultations c on c.id = p.consultation_id
                where p.doctor_id <> c.doctor_id or p.paid_at < c.ended_at"""));
        assertEquals(0, number("""
                select count(*) from (select consultation_id from ratings group by 1 having count(*) > 1) r"""));

        // The ingestion service made every change: versioned, with its after-commit events.
        assertTrue(number("select last_value from data_version_seq") > versionBefore);
        assertEquals(booking.booked(), events.count(ConsultationCreated.class));
        assertEquals(total.completed(), events.count(ConsultationCompleted.class));
        assertEquals(total.cancelled() + total.noShows(), events.count(ConsultationCancelled.class));
        assertEquals(total.payments() + total.refunds(), events.count(PaymentRecorded.class));
        assertEquals(total.ratings(), events.count(RatingCreated.class));
        assertEquals(total.readings(), events.count(HealthDataUpdated.class));
    }

    @Test
    void aTickRepeatedAtTheSameInstantChangesNothing() throws SQLException {
        Instant later = ANCHOR.plus(Duration.ofHours(3));
        simulator.tick(ANCHOR.plusSeconds(60), Duration.ofMinutes(30));
        simulator.tick(later, Duration.ZERO);
        double version = number("select last_value from data_version_seq");

        TickReport again = simulator.tick(later, Duration.ZERO);

        assertEquals(new TickReport(0, 0, 0, 0, 0, 0, 0, 0, 0), again);
        assertEquals(version, number("select last_value from data_version_seq"));
    }

    private static TickReport sum(TickReport a, TickReport b) {
        return new TickReport(a.booked() + b.booked(), a.started() + b.started(), a.cancelled() + b.cancelled(),
                a.noShows() + b.noShows(), a.completed() + b.completed(), a.payments() + b.payments(),
                a.refunds() + b.refunds(), a.ratings() + b.ratings(), a.readings() + b.readings());
    }

    private double number(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getDouble(1);
        }
    }

    /** Counts the domain events observed after commit, by type. */
    @ApplicationScoped
    static class EventCounter {
        private final Map<Class<?>, AtomicInteger> counts = new ConcurrentHashMap<>();

        void onEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) io.careboard.domain.event.DomainEvent event) {
            counts.computeIfAbsent(event.getClass(), k -> new AtomicInteger()).incrementAndGet();
        }

        int count(Class<?> type) {
            AtomicInteger count = counts.get(type);
            return count == null ? 0 : count.get();
        }

        void clear() {
            counts.clear();
        }
    }
}
