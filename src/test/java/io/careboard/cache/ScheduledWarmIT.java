package io.careboard.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careboard.support.AppInstance;
import io.careboard.support.TestRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas whose schedulers fire the cache warm at the same instants (every 3 s here, hourly
 * in production): each firing is warmed by exactly one of them.
 */
class ScheduledWarmIT {

    @Test
    void eachFiringIsWarmedOnceAcrossTwoReplicas() throws Exception {
        Map<String, String> everyThreeSeconds = Map.of("careboard.cache.warm.cron", "0/3 * * * * ?");
        try (TestRedis redis = new TestRedis()) {
            redis.send(Command.DEL, CacheWarmer.RUNS);
            try (AppInstance first = AppInstance.start("warm-replica-1", everyThreeSeconds);
                    AppInstance second = AppInstance.start("warm-replica-2", everyThreeSeconds)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> runs(redis).size() >= 5);
            }
            List<String> runs = runs(redis);
            List<String> firings = runs.stream().map(run -> run.split(" ")[0]).toList();
            assertThat(firings).as("one run per firing: %s", runs).doesNotHaveDuplicates();
            // A firing that comes while the previous warm still runs finds the lock held and skips.
            assertThat(runs).allSatisfy(run -> assertThat(run).matches(".* (warmed|skipped)"));
            assertThat(runs).anySatisfy(run -> assertThat(run).endsWith(" warmed"));
        }
    }

    private static List<String> runs(TestRedis redis) {
        Response list = redis.send(Command.LRANGE, CacheWarmer.RUNS, 0, -1);
        return list.stream().map(Response::toString).toList();
    }
}
