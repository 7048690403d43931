package io.careboard.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/** Counts the SQL statements the application prepares (Hibernate statistics, on in the test profile). */
@ApplicationScoped
public class SqlStatements {

    private final Statistics statistics;

    SqlStatements(EntityManagerFactory entityManagerFactory) {
        this.statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    }

    /** Statements prepared since start. */
    public long count() {
        return statistics.getPrepareStatementCount();
    }

    /** How many statements {@code action} made the application prepare. */
    public long during(Runnable action) {
        long before = count();
        action.run();
        return count() - before;
    }
}
