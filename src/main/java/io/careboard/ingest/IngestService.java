package io.careboard.ingest;

import io.careboard.domain.ConsultationState;
import io.careboard.domain.DataVersionRepository;
import io.careboard.domain.DoctorState;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.PatientState;
import io.careboard.domain.PaymentState;
import io.careboard.domain.RatingState;
import io.careboard.domain.event.DomainEvent;
import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The write side of Careboard (contract §2): idempotent upserts of the entities the platform
 * pushes, one at a time or in bulk, with the domain events of each transition.
 *
 * <p>Every call runs in one transaction: the caller's when it has one, else its own. Its own is
 * retried once when it lost a race with a concurrent writer (two inserts of the same new id, or a
 * deadlock), and answered {@link ProblemException.Conflict} when the retry loses too. Events are
 * fired inside the transaction and observed after commit, so a rolled-back call fires nothing.
 *
 * <p>A bulk costs a few set queries whatever its size: the rows it upserts are loaded and row-locked
 * per kind in one query, the rows it refers to in another, and new rows are inserted in JDBC
 * batches, kind after kind in dependency order.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    /** SQL states of a lost race: unique violation, serialization failure, deadlock. */
    private static final Set<String> RACE_STATES = Set.of("23505", "40001", "40P01");
    private static final Object VERSION_BUMPED = new Object();

    private final Map<EntityKind, KindHandler<?, ?>> handlers = new EnumMap<>(EntityKind.class);
    private final DataVersionRepository dataVersion;
    private final Event<DomainEvent> events;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;

    IngestService(DoctorHandler doctors, PatientHandler patients, ConsultationHandler consultations,
            RatingHandler ratings, PaymentHandler payments, HealthObservationHandler observations,
            DataVersionRepository dataVersion, Event<DomainEvent> events, EntityManager entityManager,
            TransactionSynchronizationRegistry transactions) {
        for (KindHandler<?, ?> handler : List.of(doctors, patients, consultations, ratings, payments, observations)) {
            handlers.put(handler.kind(), handler);
        }
        this.dataVersion = dataVersion;
        this.events = events;
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    public UpsertResult upsertDoctor(String id, DoctorState state) {
        return upsert(EntityKind.DOCTOR, id, state);
    }

    public UpsertResult upsertPatient(String id, PatientState state) {
        return upsert(EntityKind.PATIENT, id, state);
    }

    public UpsertResult upsertConsultation(String id, ConsultationState state) {
        return upsert(EntityKind.CONSULTATION, id, state);
    }

    public UpsertResult upsertRating(String id, RatingState state) {
        return upsert(EntityKind.RATING, id, state);
    }

    public UpsertResult upsertPayment(String id, PaymentState state) {
        return upsert(EntityKind.PAYMENT, id, state);
    }

    public UpsertResult upsertHealthObservation(String id, HealthObservationState state) {
        return upsert(EntityKind.HEALTH_OBSERVATION, id, state);
    }

    /**
     * Upserts the items in order, in one transaction: a later item may refer to an entity created by
     * an earlier one, and of several versions of one entity the newest wins. An item that refers to
     * an unknown entity is rejected alone; the others are applied.
     *
     * @throws ProblemException.InvalidInput naming {@code [index].field} when any item is invalid;
     *         then nothing is stored
     */
    public BulkResult ingest(List<IngestItem> items) {
        List<IngestItem> normalised = normalise(items, true);
        return new BulkResult(inTransaction(() -> apply(normalised, false)));
    }

    private UpsertResult upsert(EntityKind kind, String id, Record state) {
        List<IngestItem> normalised = normalise(List.of(new IngestItem(kind, id, state)), false);
        Outcome outcome = inTransaction(() -> apply(normalised, true)).get(0).outcome();
        return new UpsertResult(kind, id, outcome);
    }

    private List<IngestItem> normalise(List<IngestItem> items, boolean bulk) {
        List<FieldError> errors = new ArrayList<>();
        List<IngestItem> normalised = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            IngestItem item = items.get(i);
            StateChecks checks = new StateChecks(bulk ? "[" + i + "]." : "", errors);
            normalised.add(handler(item.kind()).normalise(item, checks));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        return normalised;
    }

    /**
     * The transaction's work. With {@code strict} (a single upsert), an unknown reference fails the
     * call with {@link ProblemException.UnknownReference}; in a bulk it rejects the item alone.
     */
    private List<ItemResult> apply(List<IngestItem> items, boolean strict) {
        UnitOfWork work = new UnitOfWork();
        FlushModeType flushMode = entityManager.getFlushMode();
        // Nothing is dirty while loading: spare each load query a dirty check of all rows loaded before it.
        entityManager.setFlushMode(FlushModeType.COMMIT);
        try {
            load(work, items);
        } finally {
            entityManager.setFlushMode(flushMode);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ItemResult result = handler(items.get(i).kind()).upsert(work, i, items.get(i));
            if (strict && result.rejected()) {
                FieldError error = result.errors().get(0);
                throw new ProblemException.UnknownReference(error.field(), error.message());
            }
            results.add(result);
        }
        if (work.changed()) {
            handlers.values().forEach(handler -> handler.insertCreated(work));
            // Inserting here rather than at commit lets a lost insert race surface where it is retried.
            entityManager.flush();
            work.afterInsert().forEach(Runnable::run);
            bumpDataVersion();
            work.events().forEach(events::fire);
        }
        return results;
    }

    /**
     * Loads into {@code work}, one query per kind, the rows the items upsert (row-locked, so two
     * concurrent upserts of one entity see each other's result and fire a transition once) and
     * the rows they refer to.
     */
    private void load(UnitOfWork work, List<IngestItem> items) {
        Map<EntityKind, Set<String>> upserted = new EnumMap<>(EntityKind.class);
        Map<EntityKind, Set<String>> referenced = new EnumMap<>(EntityKind.class);
        for (IngestItem item : items) {
            upserted.computeIfAbsent(item.kind(), k -> new LinkedHashSet<>()).add(item.id());
        }
        for (IngestItem item : items) {
            for (Reference ref : references(item)) {
                if (!upserted.getOrDefault(ref.kind(), Set.of()).contains(ref.id())) {
                    referenced.computeIfAbsent(ref.kind(), k -> new LinkedHashSet<>()).add(ref.id());
                }
            }
        }
        // Kind by kind in dependency order, so concurrent transactions take their locks in one order.
        for (EntityKind kind : EntityKind.values()) {
            KindHandler<?, ?> handler = handler(kind);
            work.load(kind, handler.repository().findAllForUpdate(upserted.getOrDefault(kind, Set.of())));
            work.load(kind, handler.repository().findReferenced(referenced.getOrDefault(kind, Set.of()),
                    handler.referenceLock()));
        }
    }

    private <S extends Record> List<Reference> references(IngestItem item) {
        @SuppressWarnings("unchecked")
        KindHandler<S, ?> handler = (KindHandler<S, ?>) handler(item.kind());
        return handler.references(handler.cast(item.state()));
    }

    /** Moves {@code meta.version} once per transaction, however many calls it makes. */
    private void bumpDataVersion() {
        if (transactions.getResource(VERSION_BUMPED) == null) {
            dataVersion.bump();
            transactions.putResource(VERSION_BUMPED, Boolean.TRUE);
        }
    }

    private KindHandler<?, ?> handler(EntityKind kind) {
        return handlers.get(kind);
    }

    private <T> T inTransaction(Supplier<T> work) {
        if (QuarkusTransaction.isActive()) {
            try {
                return work.get();
            } catch (RuntimeException failure) {
                throw lostRace(failure) ? conflict() : failure;
            }
        }
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException first) {
            if (!lostRace(first)) {
                throw first;
            }
            LOG.debug("ingestion lost a race with a concurrent writer; retrying once", first);
        }
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException second) {
            throw lostRace(second) ? conflict() : second;
        }
    }

    private static ProblemException.Conflict conflict() {
        return new ProblemException.Conflict("a concurrent request changed the same entities; retry the request");
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
