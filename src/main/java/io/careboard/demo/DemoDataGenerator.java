package io.careboard.demo;

import io.careboard.demo.DemoDataScript.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Generates the demo data set inside PostgreSQL by running {@value DemoDataScript#RESOURCE}: set-based
 * SQL, deterministic for a given {@link Request}, in one transaction (a failed or refused run
 * changes nothing). docs/demo-data.md describes the data.
 */
@ApplicationScoped
public class DemoDataGenerator {

    static final int MIN_CONSULTATIONS = 100;
    static final int MAX_CONSULTATIONS = 50_000_000;

    /** The read-model tables the generator fills, parents first. */
    public static final List<String> TABLES =
            List.of("doctors", "patients", "consultations", "payments", "ratings", "health_observations");

    /** The SQLSTATE the script raises when the read model holds data and replacing it was not asked for. */
    private static final String NOT_EMPTY = "CB001";

    private static final Logger LOG = Logger.getLogger(DemoDataGenerator.class);

    private final DataSource dataSource;
    private final DemoDataScript script = DemoDataScript.load();

    DemoDataGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What to generate.
     *
     * @param anchor the instant taken as "now": the data ends around it (seconds precision)
     * @param timeZone the zone of the daily and weekly rhythm
     * @param replace whether to delete existing data first, rather than refuse
     */
    public record Request(long seed, int consultations, Instant anchor, ZoneId timeZone, boolean replace) {
        public Request {
            if (consultations < MIN_CONSULTATIONS || consultations > MAX_CONSULTATIONS) {
                throw new IllegalArgumentException("consultations must be between %,d and %,d, not %,d"
                        .formatted(MIN_CONSULTATIONS, MAX_CONSULTATIONS, consultations));
            }
            anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** What was generated: rows per table, and how long it took (vacuum included). */
    public record Report(Request request, Map<String, Long> rows, Duration took) {
    }

    /** Thrown when the read model holds data and the request does not replace it; nothing changed. */
    public static class ReadModelNotEmptyException extends IllegalStateException {
        ReadModelNotEmptyException(String message) {
            super(message);
        }
    }

    /** Whether every read-model table is empty. */
    public boolean readModelEmpty() {
        String sql = "select " + String.join(" and ",
                TABLES.stream().map(t -> "not exists (select from " + t + ")").toList());
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the read model: " + e.getMessage(), e);
        }
    }

    public Report generate(Request request) {
        long start = System.nanoTime();
        LOG.infof("Generating demo data: %,d consultations, seed %d, anchor %s, time zone %s%s",
                request.consultations(), request.seed(), request.anchor(), request.timeZone(),
                request.replace() ? ", replacing the current data" : "");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                setParameters(connection, request);
                for (Step step : script.inTransaction()) {
                    run(connection, step);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            for (Step step : script.afterCommit()) {
                run(connection, step);
            }
            Report report = new Report(request, countRows(connection), Duration.ofNanos(System.nanoTime() - start));
            LOG.infof("Demo data generated in %.1f s: %s", report.took().toMillis() / 1000.0, report.rows());
            return report;
        } catch (SQLException e) {
            if (NOT_EMPTY.equals(e.getSQLState())) {
                throw new ReadModelNotEmptyException(e.getMessage());
            }
            throw new IllegalStateException("generating the demo data failed: " + e.getMessage(), e);
        }
    }

    private static void setParameters(Connection connection, Request request) throws SQLException {
        Map<String, String> parameters = Map.of(
                "careboard_demo.seed", Long.toString(request.seed()),
                "careboard_demo.consultations", Integer.toString(request.consultations()),
                "careboard_demo.anchor", request.anchor().toString(),
                "careboard_demo.time_zone", request.timeZone().getId(),
                "careboard_demo.replace", Boolean.toString(request.replace()));
        try (PreparedStatement set = connection.prepareStatement("select set_config(?, ?, true)")) {
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                set.setString(1, parameter.getKey());
                set.setString(2, parameter.getValue());
                set.execute();
            }
        }
    }

    private static void run(Connection connection, Step step) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(step.sql());
        }
        LOG.debugf("Demo data step '%s': %d ms", step.name(), (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, Long> countRows(Connection connection) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet result = statement.executeQuery("select count(*) from " + table)) {
                    result.next();
                    rows.put(table, result.getLong(1));
                }
            }
        }
        return rows;
    }
}
