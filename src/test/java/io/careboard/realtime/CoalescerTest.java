package io.careboard.realtime;

import static io.careboard.metrics.MetricFamily.CONSULTATIONS;
import static io.careboard.metrics.MetricFamily.DOCTORS;
import static org.assertj.core.api.Assertions.assertThat;

import io.careboard.metrics.MetricFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The coalescing window's rules, driven by hand: timers fire and flushes finish when the test says so. */
class CoalescerTest {

    private static final Duration WINDOW = Duration.ofMillis(250);

    /** Timers that fire only when the test calls {@link #fireAll()}. */
    static final class ManualTimers implements Coalescer.Timers {
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public void schedule(Duration delay, Runnable task) {
            assertThat(delay).isEqualTo(WINDOW);
            pending.add(task);
        }

        void fireAll() {
            List<Runnable> due = new ArrayList<>(pending);
            pending.clear();
            due.forEach(Runnable::run);
        }
    }

    /** A flush per call, finished by the test. */
    record Flushed(MetricFamily topic, boolean changed, CompletableFuture<Boolean> done) {
    }

    static final class ManualFlush implements Coalescer.Flush {
        final List<Flushed> flushes = new ArrayList<>();

        @Override
        public CompletionStage<Boolean> flush(MetricFamily topic, boolean changed) {
            Flushed flushed = new Flushed(topic, changed, new CompletableFuture<>());
            flushes.add(flushed);
            return flushed.done();
        }

        void finishAll(boolean retry) {
            List.copyOf(flushes).forEach(flushed -> flushed.done().complete(retry));
        }

        long count(MetricFamily topic) {
            return flushes.stream().filter(flushed -> flushed.topic() == topic).count();
        }
    }

    private final ManualTimers timers = new ManualTimers();
    private final ManualFlush flush = new ManualFlush();
    private final Coalescer coalescer = new Coalescer(WINDOW, timers, flush);

    @Test
    void theFirstChangeAfterAQuietWindowIsFlushedAtOnce() {
        assertThat(coalescer.isQuiet()).isTrue();
        coalescer.changed(Set.of(DOCTORS));
        assertThat(coalescer.isQuiet()).isFalse();
        assertThat(flush.flushes).containsExactly(flush.flushes.get(0));
        assertThat(flush.flushes.get(0).topic()).isEqualTo(DOCTORS);
        assertThat(flush.flushes.get(0).changed()).isTrue();
    }

    @Test
    void aHundredChangesInsideTheWindowBecomeOneTrailingFlush() {
        for (int i = 0; i < 100; i++) {
            coalescer.changed(Set.of(CONSULTATIONS));
        }
        assertThat(flush.count(CONSULTATIONS)).as("leading edge").isEqualTo(1);
        flush.finishAll(false);
        timers.fireAll();
        assertThat(flush.count(CONSULTATIONS)).as("leading + trailing").isEqualTo(2);
        flush.finishAll(false);
        timers.fireAll();
        assertThat(flush.count(CONSULTATIONS)).as("quiet again").isEqualTo(2);
        assertThat(timers.pending).isEmpty();
        assertThat(coalescer.isQuiet()).isTrue();

        coalescer.changed(Set.of(CONSULTATIONS));
        assertThat(flush.count(CONSULTATIONS)).as("the next change leads again").isEqualTo(3);
    }

    @Test
    void aLoneChangeGetsNoTrailingFlush() {
        coalescer.changed(Set.of(CONSULTATIONS));
        flush.finishAll(false);
        timers.fireAll();
        assertThat(flush.count(CONSULTATIONS)).isEqualTo(1);
        assertThat(timers.pending).isEmpty();
    }

    @Test
    void topicsHaveWindowsOfTheirOwn() {
        coalescer.changed(Set.of(DOCTORS));
        coalescer.changed(Set.of(CONSULTATIONS));
        assertThat(flush.count(DOCTORS)).isEqualTo(1);
        assertThat(flush.count(CONSULTATIONS)).as("not held back by the doctors' window").isEqualTo(1);
    }

    @Test
    void aSlowFlushIsNeverOverlappedAndItsTrailingFlushFollowsIt() {
        coalescer.changed(Set.of(DOCTORS));
        coalescer.changed(Set.of(DOCTORS));
        timers.fireAll();
        assertThat(flush.count(DOCTORS)).as("the window ended while the first flush runs").isEqualTo(1);
        coalescer.changed(Set.of(DOCTORS));
        assertThat(flush.count(DOCTORS)).isEqualTo(1);
        flush.finishAll(false);
        assertThat(flush.count(DOCTORS)).as("trailing flush as soon as the slow one is done").isEqualTo(2);
        assertThat(flush.flushes.get(1).changed()).isTrue();
    }

    @Test
    void keysClaimedElsewhereAreRetriedWhenTheWindowEnds() {
        coalescer.changed(Set.of(DOCTORS));
        flush.finishAll(true);
        assertThat(flush.count(DOCTORS)).isEqualTo(1);
        timers.fireAll();
        assertThat(flush.count(DOCTORS)).isEqualTo(2);
        assertThat(flush.flushes.get(1).changed()).as("only the keys to retry").isFalse();
    }

    @Test
    void aRetryAfterASlowFlushWaitsForAWindowInsteadOfSpinning() {
        coalescer.changed(Set.of(DOCTORS));
        timers.fireAll();
        flush.finishAll(true);
        assertThat(flush.count(DOCTORS)).as("no immediate retry").isEqualTo(1);
        assertThat(timers.pending).hasSize(1);
        timers.fireAll();
        assertThat(flush.count(DOCTORS)).isEqualTo(2);
    }

    @Test
    void aFlushThatCannotStartLeavesTheTopicUsable() {
        Coalescer failing = new Coalescer(WINDOW, timers, (topic, changed) -> {
            throw new IllegalStateException("pool shut down");
        });
        failing.changed(Set.of(DOCTORS));
        timers.fireAll();
        failing.changed(Set.of(DOCTORS));
        assertThat(timers.pending).as("a new window opened, so the state was not stuck").hasSize(1);
    }
}
