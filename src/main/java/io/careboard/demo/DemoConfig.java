package io.careboard.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The demo data set and the live simulator (both on in the {@code demo} profile, off elsewhere). */
@ConfigMapping(prefix = "careboard.demo")
public interface DemoConfig {

    /** Generates the demo data set at start when the read model is empty. */
    @WithDefault("false")
    boolean generateOnStart();

    /**
     * How many consultations the generated platform has; doctors (1 per 2,000, at least 20), patients
     * (1 per 4), payments, ratings and vital signs scale with it.
     */
    @WithDefault("50000")
    @Min(DemoDataGenerator.MIN_CONSULTATIONS)
    @Max(DemoDataGenerator.MAX_CONSULTATIONS)
    int consultations();

    /** The seed: the same seed, size, anchor and time zone give the same rows. */
    @WithDefault("42")
    long seed();

    /**
     * The instant the data set ends around ("now" for the generated platform); the start time when
     * absent. Fix it to reproduce a data set exactly.
     */
    Optional<Instant> anchor();

    /** The time zone of the platform's daily and weekly rhythm (office hours, quiet weekends). */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * Replaces whatever the read model holds with a new data set at start. Destroys data: for
     * benchmark databases ({@code scripts/demo-data.sh --replace}, {@code scripts/demo.sh --fresh}).
     */
    @WithDefault("false")
    boolean replace();

    /** Stops the application once the data set is generated ({@code scripts/demo-data.sh}). */
    @WithDefault("false")
    boolean exitAfterGeneration();

    /** The live simulator. */
    Simulator simulator();

    /** Moves the platform forward through the ingestion service, so a dashboard moves. */
    interface Simulator {

        /** Runs the simulator. */
        @WithDefault("false")
        boolean enabled();

        /** Time between two ticks. */
        @WithDefault("5s")
        Duration interval();

        /** New consultations booked per minute, on average. */
        @WithDefault("6")
        @Min(0)
        double bookingsPerMinute();

        /**
         * At most this many changes per kind in one tick (bookings, starts, completions, ratings,
         * refunds), so catching up after downtime is spread over ticks.
         */
        @WithDefault("500")
        @Min(1)
        int maxChangesPerStep();
    }
}
