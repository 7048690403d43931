package io.careboard.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every read-model repository offers on top of Panache: locked loads by id, for upserts. */
public interface EntityRepository<E extends Identified> extends PanacheRepositoryBase<E, String> {

    /** The entity with {@code id}, row-locked until the transaction ends. */
    default Optional<E> findForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The entities with these ids, row-locked until the transaction ends, by id. */
    default Map<String, E> findAllForUpdate(Collection<String> ids) {
        return findByIds(ids, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The entities with these ids, by id, in one query, locked with {@code lock}. Rows are locked in
     * id order, so two transactions locking overlapping sets cannot deadlock on them.
     */
    default Map<String, E> findByIds(Collection<String> ids, LockModeType lock) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<E> found = find("id in ?1 order by id", ids).withLock(lock).list();
        return found.stream().collect(Collectors.toMap(Identified::id, e -> e));
    }
}
