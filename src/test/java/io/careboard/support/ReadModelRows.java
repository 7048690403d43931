package io.careboard.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: what the read-model tables hold, row counts and single values, to check what a write stored. */
@ApplicationScoped
public class ReadModelRows {

    /** Every read-model table. */
    public static final List<String> TABLES = List.of("health_observations", "payments", "ratings", "consultations",
            "patients", "doctors");

    private final EntityManager entityManager;

    ReadModelRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Row count per table. */
    public Map<String, Long> counts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                        .getSingleResult()).longValue());
            }
            return counts;
        });
    }

    public long count(String table) {
        return counts().get(table);
    }

    /** One column of one row, as PostgreSQL returns it (null when the row or the value is absent). */
    public Object column(String table, String column, String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select " + column + " from " + table + " where id = ?1")
                    .setParameter(1, id).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }
}
