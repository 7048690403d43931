package io.careboard.realtime;

import io.careboard.metrics.MetricFamily;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Merges bursts of changes per topic, with a leading edge: the first change after a quiet window
 * is flushed (recomputed and pushed) at once and opens a window; changes inside the window are
 * merged into one trailing flush when it ends, which opens the next window. A topic never has
 * two flushes running: a window that ends during a slow flush leaves the trailing flush to its
 * end. A flush that could not claim some keys (another replica was recomputing them) asks for a
 * retry, done when the window ends, so no change goes unpushed.
 */
final class Coalescer {

    /** Runs a task after a delay. */
    interface Timers {
        void schedule(Duration delay, Runnable task);
    }

    /**
     * Recomputes and pushes a topic: every subscribed key when {@code changed}, else only the
     * keys left to retry. Completes with true when some keys must be retried.
     */
    interface Flush {
        CompletionStage<Boolean> flush(MetricFamily topic, boolean changed);
    }

    private final Map<MetricFamily, TopicWindow> windows = new EnumMap<>(MetricFamily.class);

    Coalescer(Duration window, Timers timers, Flush flush) {
        for (MetricFamily topic : MetricFamily.topics()) {
            windows.put(topic, new TopicWindow(topic, window, timers, flush));
        }
    }

    /** These topics changed (a committed change touched them). Does not block. */
    void changed(Collection<MetricFamily> topics) {
        for (MetricFamily topic : topics) {
            TopicWindow window = windows.get(topic);
            if (window != null) {
                window.changed();
            }
        }
    }

    /** Whether no topic has a window open or a flush running: every change so far has been pushed. */
    boolean isQuiet() {
        return windows.values().stream().allMatch(TopicWindow::isQuiet);
    }

    /** One topic's window; every transition happens under its lock, flushes start outside it. */
    private static final class TopicWindow {
        private final MetricFamily topic;
        private final Duration length;
        private final Timers timers;
        private final Flush flush;
        private boolean open;
        private boolean flushing;
        private boolean dirty;
        private boolean retry;

        TopicWindow(MetricFamily topic, Duration length, Timers timers, Flush flush) {
            this.topic = topic;
            this.length = length;
            this.timers = timers;
            this.flush = flush;
        }

        synchronized boolean isQuiet() {
            return !open && !flushing;
        }

        void changed() {
            synchronized (this) {
                if (open || flushing) {
                    dirty = true;
                    return;
                }
                startFlush();
            }
            run(true);
        }

        private void windowEnded() {
            boolean changed;
            synchronized (this) {
                open = false;
                if (flushing || !(dirty || retry)) {
                    return;
                }
                changed = dirty;
                startFlush();
            }
            run(changed);
        }

        private void flushed(boolean retryNeeded) {
            synchronized (this) {
                flushing = false;
                retry |= retryNeeded;
                if (open) {
                    return;
                }
                if (!dirty) {
                    if (retry) {
                        openWindow();
                    }
                    return;
                }
                startFlush();
            }
            run(true);
        }

        /** Marks a flush as running in a new window; the caller runs it after leaving the lock. */
        private void startFlush() {
            flushing = true;
            dirty = false;
            retry = false;
            openWindow();
        }

        private void openWindow() {
            open = true;
            timers.schedule(length, this::windowEnded);
        }

        private void run(boolean changed) {
            CompletionStage<Boolean> done;
            try {
                done = flush.flush(topic, changed);
            } catch (RuntimeException failure) {
                // The recomputation pool is gone (shutdown): nothing left to do for this flush.
                done = CompletableFuture.failedStage(failure);
            }
            done.whenComplete((retryNeeded, failure) -> flushed(Boolean.TRUE.equals(retryNeeded)));
        }
    }
}
