package io.careboard.ingest;

import io.careboard.domain.Identified;
import io.careboard.domain.event.DomainEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ingestion transaction knows and owes: the entities it loaded or created (by kind and
 * id, so later items of a bulk see earlier ones), the rows still to insert, the work that must
 * wait until they are inserted, and the events it will fire.
 */
final class UnitOfWork {

    private final Map<EntityKind, Map<String, Identified>> known = new EnumMap<>(EntityKind.class);
    private final Map<EntityKind, List<Identified>> created = new EnumMap<>(EntityKind.class);
    private final List<Runnable> afterInsert = new ArrayList<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private boolean changed;

    void load(EntityKind kind, Map<String, ? extends Identified> entities) {
        known.computeIfAbsent(kind, k -> new HashMap<>()).putAll(entities);
    }

    boolean knows(EntityKind kind, String id) {
        return known.getOrDefault(kind, Map.of()).containsKey(id);
    }

    /** The entity of {@code kind} with {@code id}, or null; its type is the kind's entity class. */
    @SuppressWarnings("unchecked")
    <E extends Identified> E get(EntityKind kind, String id) {
        return (E) known.getOrDefault(kind, Map.of()).get(id);
    }

    void created(EntityKind kind, Identified entity) {
        load(kind, Map.of(entity.id(), entity));
        created.computeIfAbsent(kind, k -> new ArrayList<>()).add(entity);
        changed = true;
    }

    void updated() {
        changed = true;
    }

    /** New entities of {@code kind}, in the order they were created. */
    List<Identified> created(EntityKind kind) {
        return created.getOrDefault(kind, List.of());
    }

    /** Runs {@code work} once the new rows are inserted (it may run SQL that must see them). */
    void afterInsert(Runnable work) {
        afterInsert.add(work);
    }

    void fire(List<DomainEvent> transitionEvents) {
        events.addAll(transitionEvents);
    }

    boolean changed() {
        return changed;
    }

    List<Runnable> afterInsert() {
        return afterInsert;
    }

    List<DomainEvent> events() {
        return events;
    }
}
