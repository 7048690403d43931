package io.careboard.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;

/** What every read-model repository offers on top of Panache: locked loads by id, for upserts. */
public interface EntityRepository<E extends Identified> extends PanacheRepositoryBase<E, String> {

    /** The entity with {@code id}, row-locked until the transaction ends. */
    default Optional<E> findForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The entities with these ids, by id, row-locked until the transaction ends. Rows are locked in
     * id order, so two transactions locking overlapping sets cannot deadlock on them.
     */
    default Map<String, E> findAllForUpdate(Collection<String> ids) {
        return byIds(ids, LockModeType.PESSIMISTIC_WRITE, false);
    }

    /**
     * The entities with these ids, by id, for reading only (as references), locked with {@code lock}:
     * Hibernate keeps no snapshot of them and never dirty-checks them.
     */
    default Map<String, E> findReferenced(Collection<String> ids, LockModeType lock) {
        return byIds(ids, lock, true);
    }

    /** The entity class, for the native loads below. */
    Class<E> entityType();

    /**
     * One query whatever the number of ids: {@code id = any(?)} with one array parameter, which
     * PostgreSQL plans once and Hibernate binds once, where an {@code in} list of thousands of
     * parameters costs both dearly. Rows are locked in id order ({@code for no key update}: enough
     * to keep concurrent upserts apart, without blocking inserts of rows that refer to them).
     */
    private Map<String, E> byIds(Collection<String> ids, LockModeType lock, boolean readOnly) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String locking = switch (lock) {
            case NONE -> "";
            case PESSIMISTIC_READ -> " for share";
            case PESSIMISTIC_WRITE -> " for no key update";
            default -> throw new IllegalArgumentException("unsupported lock " + lock);
        };
        String table = entityType().getAnnotation(Table.class).name();
        @SuppressWarnings("unchecked")
        List<E> found = getEntityManager()
                .createNativeQuery("select * from " + table + " where id = any(?1) order by id" + locking, entityType())
                .setParameter(1, ids.toArray(String[]::new))
                .setHint(HibernateHints.HINT_READ_ONLY, readOnly)
                .getResultList();
        return found.stream().collect(Collectors.toMap(Identified::id, e -> e));
    }
}
