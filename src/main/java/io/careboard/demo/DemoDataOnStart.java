package io.careboard.demo;

import io.careboard.demo.DemoDataGenerator.ReadModelNotEmptyException;
import io.careboard.demo.DemoDataGenerator.Request;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Generates the demo data set at start (after Flyway migrated) when {@code careboard.demo.generate-on-start}
 * is set and the read model is empty, or always with {@code careboard.demo.replace}. Synchronous, so
 * the service reports ready only once the data is there.
 */
@ApplicationScoped
class DemoDataOnStart {

    private static final Logger LOG = Logger.getLogger(DemoDataOnStart.class);

    /** The exit status with {@code exit-after-generation} when the read model held data already. */
    static final int EXIT_NOT_EMPTY = 2;

    private final DemoConfig config;
    private final DemoDataGenerator generator;
    private volatile boolean finished;

    DemoDataOnStart(DemoConfig config, DemoDataGenerator generator) {
        this.config = config;
        this.generator = generator;
    }

    /** Whether start-up generation is over (or was not asked for): the simulator waits for it. */
    boolean finished() {
        return finished;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.generateOnStart()) {
            generateUnlessFilled();
        }
        finished = true;
    }

    private void generateUnlessFilled() {
        Request request = new Request(config.seed(), config.consultations(), config.anchor().orElseGet(Instant::now),
                config.timeZone(), config.replace());
        boolean generated = false;
        try {
            if (request.replace() || generator.readModelEmpty()) {
                generator.generate(request);
                generated = true;
            } else {
                LOG.info("Demo data: the read model already holds data, so none is generated");
            }
        } catch (ReadModelNotEmptyException e) {
            LOG.info("Demo data: another instance filled the read model first, so none is generated");
        }
        if (config.exitAfterGeneration()) {
            Quarkus.asyncExit(generated ? 0 : EXIT_NOT_EMPTY);
        }
    }
}
