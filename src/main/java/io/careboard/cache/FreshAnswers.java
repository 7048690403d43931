package io.careboard.cache;

import io.careboard.metrics.MetricQuery;
import io.careboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers computed from the database now, for {@code /realtime}: concurrent callers share one
 * computation, whose result replaces the cached answer; each caller may ask at most once per
 * {@code careboard.cache.realtime.min-interval}, past which it gets 429 with Retry-After.
 */
@Singleton
public class FreshAnswers {

    private final CacheCoherence coherence;
    private final Clock clock;
    private final Duration minInterval;
    private final Map<String, Uni<Answer>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCalls = new ConcurrentHashMap<>();

    FreshAnswers(CacheCoherence coherence, Clock clock, CacheConfig config) {
        this.coherence = coherence;
        this.clock = clock;
        this.minInterval = config.realtime().minInterval();
    }

    public Uni<Answer> fresh(MetricQuery query, String caller) {
        admit(caller);
        String key = query.family().wire() + '|' + query.cacheKey();
        return inFlight.computeIfAbsent(key, k -> Uni.createFrom().item(() -> coherence.refresh(query))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> inFlight.remove(k))
                .memoize().indefinitely());
    }

    private void admit(String caller) {
        Instant now = clock.instant();
        Instant[] refused = new Instant[1];
        lastCalls.compute(caller, (who, last) -> {
            if (last != null && now.isBefore(last.plus(minInterval))) {
                refused[0] = last.plus(minInterval);
                return last;
            }
            return now;
        });
        if (refused[0] != null) {
            throw new ProblemException.RateLimited("at most one fresh computation per " + minInterval.toSeconds()
                    + " s per caller", Duration.between(now, refused[0]));
        }
        if (lastCalls.size() > 10_000) {
            lastCalls.values().removeIf(last -> now.isAfter(last.plus(minInterval)));
        }
    }
}
