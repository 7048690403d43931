package io.careboard.metrics.rollup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionRunnerOptions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the daily rollups of every configured zone current: the nightly aggregation (each local
 * day is built once it has ended) and the rebuild of days changed after they were built (marked
 * by the database triggers). One replica at a time does it, under a PostgreSQL advisory lock;
 * every step is its own short transaction, so ingestion never waits long.
 */
@ApplicationScoped
public class RollupMaintenance {

    private static final Logger LOG = Logger.getLogger(RollupMaintenance.class);
    /** Held (transaction-scoped, tried) by the replica doing maintenance. */
    private static final long MAINTENANCE_LOCK = 7302027;
    /** Held shared by every writer's trigger, exclusively while a zone's build boundary moves. */
    private static final long WRITERS_GUARD = 7302026;
    /** The most dirty hours and patients one step takes on. */
    private static final int DIRTY_BATCH = 744;

    private final EntityManager entityManager;
    private final RollupBuilder builder;
    private final RollupConfig config;
    private final Rollups rollups;
    private final Clock clock;

    RollupMaintenance(EntityManager entityManager, RollupBuilder builder, RollupConfig config, Rollups rollups,
            Clock clock) {
        this.entityManager = entityManager;
        this.builder = builder;
        this.config = config;
        this.rollups = rollups;
        this.clock = clock;
    }

    @Scheduled(identity = "rollup-maintenance", every = "${careboard.rollups.refresh-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            maintain();
        } catch (RuntimeException failure) {
            LOG.warnf("rollup maintenance failed, retried at the next run: %s", failure.toString());
        }
    }

    /**
     * The weekly clean-up: the rollups of zones no longer configured are no longer maintained, so
     * they go (with their state: a zone configured again is rebuilt from scratch).
     */
    @Scheduled(identity = "rollup-cleanup", cron = "${careboard.rollups.cleanup-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        try {
            int dropped = batch().call(this::dropUnconfiguredZones);
            LOG.infof("weekly rollup clean-up: %d rows of unconfigured zones dropped", dropped);
        } catch (RuntimeException failure) {
            LOG.warnf("weekly rollup clean-up failed: %s", failure.toString());
        }
    }

    /** Deletes the rollups of zones that are not configured; the number of rows deleted. */
    int dropUnconfiguredZones() {
        String zones = rollups.zones().stream().map(zone -> '"' + zone.getId() + '"')
                .collect(Collectors.joining(",", "{", "}"));
        int dropped = 0;
        for (String table : RollupBuilder.ALL_TABLES) {
            dropped += entityManager.createNativeQuery("delete from " + table
                    + " where zone <> all(cast(:zones as varchar[]))").setParameter("zones", zones).executeUpdate();
        }
        return dropped;
    }

    /** A new transaction for one batch of work, with the batch timeout. */
    private TransactionRunnerOptions batch() {
        return QuarkusTransaction.requiringNew().timeout((int) config.batchTimeout().toSeconds());
    }

    /** Builds every finished day not built yet and rebuilds every changed day, until none is left. */
    public void maintain() {
        if (!config.enabled()) {
            return;
        }
        for (ZoneId zone : rollups.zones()) {
            while (batch().call(() -> extend(zone))) {
                // one batch of days per transaction
            }
        }
        while (batch().call(this::rebuildChanged)) {
            // one batch of changes per transaction
        }
    }

    /**
     * One step of the nightly aggregation for a zone: moves its build boundary to the next batch
     * of finished days, or builds the batch the boundary already covers. False when there is
     * nothing to do (or another replica holds the maintenance lock).
     */
    boolean extend(ZoneId zone) {
        if (!tryMaintenanceLock()) {
            LOG.debugf("rollup maintenance of %s skipped: another replica holds the lock", zone);
            return false;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Optional<State> state = state(zone);
        if (state.isPresent() && state.get().cleanUntil().isBefore(state.get().builtUntil())) {
            LocalDate from = state.get().cleanUntil();
            LocalDate to = min(from.plusDays(config.batchDays()), state.get().builtUntil());
            builder.build(new RollupDays(zone, days(from, to)));
            update("update rollup_state set clean_until = :day, updated_at = now() where zone = :zone", zone, to);
            LOG.debugf("rollups of %s built for %s..%s", zone, from, to.minusDays(1));
            return true;
        }
        LocalDate from = state.map(State::builtUntil).orElseGet(() -> earliestDay(zone).orElse(today));
        LocalDate to = min(from.plusDays(config.batchDays()), today);
        if (!from.isBefore(to)) {
            LOG.debugf("rollups of %s are up to date (%s)", zone, from);
            return false;
        }
        // Writers in flight finish first; from now on, changes to these days mark them dirty.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:lock)").setParameter("lock", WRITERS_GUARD)
                .getSingleResult();
        entityManager.createNativeQuery("""
                insert into rollup_state (zone, built_from, clean_until, built_until, built_until_at, updated_at)
                values (:zone, :from, :from, :to, :to_at, now())
                on conflict (zone) do update
                    set built_until = excluded.built_until, built_until_at = excluded.built_until_at, updated_at = now()""")
                .setParameter("zone", zone.getId()).setParameter("from", from).setParameter("to", to)
                .setParameter("to_at", to.atStartOfDay(zone).toInstant()).executeUpdate();
        return true;
    }

    /**
     * Rebuilds, in every zone, the built days that overlap hours changed since they were built,
     * and the last-seen rows of patients whose consultations changed. Reads one snapshot and
     * clears only the marks it saw, so a change made meanwhile is rebuilt at the next step.
     */
    boolean rebuildChanged() {
        entityManager.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        if (!tryMaintenanceLock()) {
            return false;
        }
        List<Tuple> hours = tuples("select hour, mark from rollup_dirty_hours order by hour limit " + DIRTY_BATCH);
        List<Tuple> patients = tuples("select patient_id, mark from rollup_dirty_patients order by patient_id limit "
                + DIRTY_BATCH);
        if (hours.isEmpty() && patients.isEmpty()) {
            return false;
        }
        List<String> patientIds = patients.stream().map(row -> row.get(0, String.class)).toList();
        for (ZoneId zone : rollups.zones()) {
            Optional<State> state = state(zone);
            if (state.isEmpty()) {
                continue;
            }
            TreeSet<LocalDate> days = new TreeSet<>();
            for (Tuple row : hours) {
                Instant hour = toInstant(row.get(0));
                days.add(LocalDate.ofInstant(hour, zone));
                days.add(LocalDate.ofInstant(hour.plus(1, ChronoUnit.HOURS).minusNanos(1000), zone));
            }
            days.removeIf(day -> !day.isBefore(state.get().cleanUntil()));
            if (!days.isEmpty()) {
                builder.build(new RollupDays(zone, new ArrayList<>(days)));
                if (days.first().isBefore(state.get().builtFrom())) {
                    update("update rollup_state set built_from = :day where zone = :zone", zone, days.first());
                }
            }
            LocalDate builtFrom = min(state.get().builtFrom(), days.isEmpty() ? state.get().builtFrom() : days.first());
            builder.recomputeLastSeen(new RollupDays(zone, days(builtFrom, state.get().cleanUntil())),
                    state.get().cleanUntil().atStartOfDay(zone).toInstant(), patientIds);
        }
        clearMarks("rollup_dirty_hours", "hour", "timestamptz", hours);
        clearMarks("rollup_dirty_patients", "patient_id", "varchar", patients);
        return true;
    }

    @RegisterForReflection
    private record State(LocalDate builtFrom, LocalDate cleanUntil, LocalDate builtUntil) {
    }

    private Optional<State> state(ZoneId zone) {
        List<Tuple> rows = entityManager.createNativeQuery(
                "select built_from, clean_until, built_until from rollup_state where zone = :zone for update", Tuple.class)
                .setParameter("zone", zone.getId()).getResultList();
        return rows.stream().findFirst().map(row -> new State(toLocalDate(row.get(0)), toLocalDate(row.get(1)),
                toLocalDate(row.get(2))));
    }

    /** The local day of the oldest row of any kind, if there is any. */
    private Optional<LocalDate> earliestDay(ZoneId zone) {
        Object earliest = entityManager.createNativeQuery("""
                select least((select min(scheduled_at) from consultations), (select min(created_at) from ratings),
                             (select min(paid_at) from payments), (select min(refunded_at) from payments),
                             (select min(observed_at) from health_observations))""").getSingleResult();
        return Optional.ofNullable(earliest).map(value -> LocalDate.ofInstant(toInstant(value), zone));
    }

    private boolean tryMaintenanceLock() {
        return (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", MAINTENANCE_LOCK).getSingleResult();
    }

    /** Deletes the marks that were read; a change made since has left a mark of its own. */
    private void clearMarks(String table, String key, String keyType, List<Tuple> seen) {
        if (seen.isEmpty()) {
            return;
        }
        String keys = seen.stream().map(row -> row.get(0) instanceof String id ? id : toInstant(row.get(0)).toString())
                .map(text -> '"' + text + '"').collect(Collectors.joining(",", "{", "}"));
        String marks = seen.stream().map(row -> row.get(1).toString()).collect(Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery("delete from " + table + " where (" + key + ", mark) in (select * from unnest("
                + "cast(:keys as " + keyType + "[]), cast(:marks as bigint[])))")
                .setParameter("keys", keys).setParameter("marks", marks).executeUpdate();
    }

    private void update(String sql, ZoneId zone, LocalDate day) {
        entityManager.createNativeQuery(sql).setParameter("zone", zone.getId()).setParameter("day", day).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> tuples(String sql) {
        return entityManager.createNativeQuery(sql, Tuple.class).getResultList();
    }

    private static List<LocalDate> days(LocalDate from, LocalDate to) {
        return from.datesUntil(to).toList();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
