package io.careboard.ingest;

import io.careboard.domain.EntityRepository;
import io.careboard.domain.Identified;
import io.careboard.domain.event.DomainEvent;
import io.careboard.problem.FieldError;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/**
 * The upsert skeleton, shared by the six kinds: check references, create, or compare versions
 * and take the newer state, and derive the domain events of the transition. A subclass says only
 * what differs per kind: how to normalise a state, what it refers to, what orders its versions,
 * and which events a transition fires.
 *
 * @param <S> the kind's state record, as the platform sends it
 * @param <E> the kind's entity
 */
abstract class KindHandler<S extends Record, E extends Identified> {

    private final EntityKind kind;
    private final Class<S> stateType;
    private final EntityRepository<E> repository;

    protected KindHandler(EntityKind kind, Class<S> stateType, EntityRepository<E> repository) {
        this.kind = kind;
        this.stateType = stateType;
        this.repository = repository;
    }

    final EntityKind kind() {
        return kind;
    }

    final EntityRepository<E> repository() {
        return repository;
    }

    /**
     * How rows of this kind are locked when other kinds refer to them: not at all, unless the
     * referrers copy data from them (ratings and payments copy their consultation's doctor).
     */
    LockModeType referenceLock() {
        return LockModeType.NONE;
    }

    /** The state at stored precision; what is wrong with it goes to {@code checks}. */
    abstract S normalise(S state, StateChecks checks);

    /** The entities the state names, which must exist. */
    abstract List<Reference> references(S state);

    /** What orders the versions of a state: older than the stored one means stale. */
    abstract Instant version(S state);

    abstract E create(String id, S state, UnitOfWork work);

    /** Takes the state into the entity; tells whether anything but the version timestamp changed. */
    abstract boolean apply(E entity, S state, UnitOfWork work);

    /** The stored state, taken before an update so {@link #events} can compare. */
    abstract S state(E entity);

    /** The events of a transition to {@code after}; {@code before} is null for a new entity. */
    abstract List<DomainEvent> events(S before, E after);

    final S cast(Record state) {
        return stateType.cast(state);
    }

    /** Normalises an item's state, or leaves it as is and reports what is wrong. */
    final IngestItem normalise(IngestItem item, StateChecks checks) {
        return new IngestItem(kind, item.id(), normalise(cast(item.state()), checks));
    }

    /** Queues the inserts of the entities of this kind that {@code work} created, in creation order. */
    @SuppressWarnings("unchecked")
    final void insertCreated(UnitOfWork work) {
        List<? extends Identified> created = work.created(kind);
        if (!created.isEmpty()) {
            repository.persist((Iterable<E>) created);
        }
    }

    /** Upserts one item whose state is normalised and whose row, if any, is loaded into {@code work}. */
    final ItemResult upsert(UnitOfWork work, int index, IngestItem item) {
        S state = cast(item.state());
        for (Reference ref : references(state)) {
            if (!work.knows(ref.kind(), ref.id())) {
                return ItemResult.rejected(index, item,
                        new FieldError(ref.field(), "no " + ref.kind().wire() + " with id '" + ref.id() + "' is known"));
            }
        }
        E current = work.get(kind, item.id());
        if (current == null) {
            E created = create(item.id(), state, work);
            work.created(kind, created);
            work.fire(events(null, created));
            return ItemResult.of(index, item, Outcome.CREATED);
        }
        S before = state(current);
        if (version(state).isBefore(version(before))) {
            return ItemResult.of(index, item, Outcome.IGNORED_STALE);
        }
        if (!apply(current, state, work)) {
            return ItemResult.of(index, item, Outcome.UNCHANGED);
        }
        work.updated();
        work.fire(events(before, current));
        return ItemResult.of(index, item, Outcome.UPDATED);
    }
}
