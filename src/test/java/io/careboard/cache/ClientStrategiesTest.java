package io.careboard.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.metrics.MetricFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript client's AnalyticsCacheManager (served under /js/) states the server's cache rules
 * for integrators: its invalidation table, warming order and TTLs must be the server's. Node runs
 * the real module and prints what it says.
 */
class ClientStrategiesTest {

    private static final Path MODULE = Path.of("src/main/resources/META-INF/resources/js/analytics/AnalyticsCacheManager.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void invalidationTableIsTheServers() throws Exception {
        Map<String, List<String>> client = JSON.readValue(evaluate("m.createInvalidationStrategy().table"),
                new TypeReference<>() { });
        Map<String, List<String>> server = new TreeMap<>();
        CacheInvalidation.AFFECTED.forEach((event, families) -> server.put(event.getSimpleName(),
                families.stream().map(MetricFamily::cacheName).sorted().toList()));
        Map<String, List<String>> clientSorted = new TreeMap<>();
        client.forEach((event, keys) -> clientSorted.put(event, keys.stream().sorted().toList()));
        assertThat(clientSorted).isEqualTo(server);
    }

    @Test
    void warmingOrderIsTheServers() throws Exception {
        List<String> client = JSON.readValue(evaluate("m.createWarmingStrategy().order"), new TypeReference<>() { });
        assertThat(client).containsExactlyElementsOf(MetricFamily.WARMING_ORDER.stream().map(MetricFamily::cacheName).toList());
    }

    @Test
    void ttlsAreTheConfiguredOnes() throws Exception {
        Map<String, Long> client = JSON.readValue(evaluate("m.CACHE_TTLS"), new TypeReference<>() { });
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, Long> configured = new TreeMap<>();
        for (MetricFamily family : MetricFamily.values()) {
            String value = properties.getProperty("quarkus.cache.redis." + family.cacheName() + ".expire-after-write");
            configured.put(family.cacheName(), Duration.parse("PT" + value.toUpperCase(Locale.ROOT)).toSeconds());
        }
        assertThat(new TreeMap<>(client)).isEqualTo(configured);
    }

    /** Imports the module in Node and prints an expression over it ({@code m}) as JSON. */
    private static String evaluate(String expression) throws IOException, InterruptedException {
        String script = "import('" + MODULE.toAbsolutePath().toUri() + "').then(m => process.stdout.write(JSON.stringify("
                + expression + ")))";
        Process node = new ProcessBuilder("node", "--input-type=module", "-e", script).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as("node failed: %s", output).isZero();
        return output;
    }
}
