package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The global change counter behind {@code meta.version}: a PostgreSQL sequence, so concurrent
 * writers never wait on each other for it.
 */
@ApplicationScoped
public class DataVersionRepository {

    /** A scalar subquery for the current version, for metric queries to read it in their first statement. */
    public static final String CURRENT_SQL =
            "(select case when is_called then last_value else 0 end from data_version_seq)";

    private final EntityManager entityManager;

    DataVersionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Marks that the current transaction changed data. */
    public long bump() {
        return ((Number) entityManager.createNativeQuery("select nextval('data_version_seq')").getSingleResult())
                .longValue();
    }

    /** The newest version handed out (committed or not); 0 before the first change. */
    public long current() {
        return ((Number) entityManager.createNativeQuery("select " + CURRENT_SQL).getSingleResult()).longValue();
    }
}
