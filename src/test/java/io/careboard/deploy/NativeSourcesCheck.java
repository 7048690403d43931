package io.careboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.deploy.AppClasses.AppClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Native-image readiness without a native-image builder: checks what
 * {@code -Dnative -Dquarkus.native.sources-only=true} wrote to {@code target/native-sources}.
 * Run by a second surefire execution in the {@code native-sources-check} profile (scripts/test.sh), right after
 * that build; the class name keeps it out of the ordinary test and IT runs.
 */
class NativeSourcesCheck {

    /** Calls in a static initialiser whose result must not be frozen into the image at build time. */
    static final Set<String> RUNTIME_ONLY_CALLS = Set.of(
            "java.util.Random.<init>", "java.security.SecureRandom.<init>",
            "java.util.concurrent.ThreadLocalRandom.current", "java.util.UUID.randomUUID",
            "java.lang.System.currentTimeMillis", "java.lang.System.nanoTime", "java.lang.System.getenv",
            "java.lang.System.getProperty", "java.lang.Runtime.availableProcessors", "java.lang.Runtime.getRuntime",
            "java.time.Instant.now", "java.time.LocalDate.now", "java.time.LocalDateTime.now",
            "java.time.ZonedDateTime.now", "java.time.OffsetDateTime.now", "java.time.ZoneId.systemDefault",
            "java.lang.Thread.<init>", "java.lang.Thread.start", "java.net.InetAddress.getLocalHost",
            "java.net.InetAddress.getByName", "java.lang.ProcessHandle.current");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path sources;
    static List<String> args;

    @BeforeAll
    static void nativeSourcesWereWritten() throws IOException {
        sources = Path.of(System.getProperty("careboard.native-sources", "target/native-sources"));
        Path argsFile = sources.resolve("native-image.args");
        assertTrue(Files.isRegularFile(argsFile), argsFile + " is missing: the -Dnative "
                + "-Dquarkus.native.sources-only=true build did not run or failed");
        args = Arrays.asList(Files.readString(argsFile).trim().split("\\s+"));
        assertTrue(args.contains("-jar") && args.contains("--no-fallback"),
                "native-image.args does not look like a Quarkus native build: " + args);
    }

    @Test
    void everyRecordIsRegisteredForReflection() throws IOException {
        Map<String, JsonNode> registered = reflectionConfiguration();
        Map<String, String> notSerialised = AllowList.read("deploy/records-never-serialised.txt");
        List<AppClass> records = AppClasses.ofThisBuild().stream().filter(AppClass::isRecord).toList();
        assertTrue(records.size() >= 1, "no records found under io.careboard");

        List<String> missing = new ArrayList<>();
        for (AppClass type : records) {
            JsonNode entry = registered.get(type.name());
            if (notSerialised.containsKey(type.name())) {
                continue;
            }
            if (entry == null) {
                missing.add(type.name() + " (not in the reflection configuration)");
            } else if (!registersConstructorsAndAccessors(entry)) {
                missing.add(type.name() + " (registered without constructors or methods: " + entry + ")");
            }
        }
        if (!missing.isEmpty()) {
            fail("Records that Jackson or the WebSocket may (de)serialise but a native image could not:\n  "
                    + String.join("\n  ", missing) + "\nAnnotate each with @io.quarkus.runtime.annotations."
                    + "RegisterForReflection, or, if it is never serialised, list it with the reason in "
                    + "src/test/resources/deploy/records-never-serialised.txt.");
        }
        Set<String> recordNames = new TreeSet<>(records.stream().map(AppClass::name).toList());
        Set<String> stale = new TreeSet<>(notSerialised.keySet());
        stale.removeAll(recordNames);
        assertEquals(Set.of(), stale, "records-never-serialised.txt names records that no longer exist");
    }

    @Test
    void nothingIsForcedToInitialiseAtBuildTime() {
        Map<String, String> allowed = AllowList.read("deploy/build-time-init-allowed.txt");
        List<String> forced = args.stream().filter(a -> a.startsWith("--initialize-at-build-time"))
                .flatMap(a -> a.contains("=") ? Arrays.stream(a.substring(a.indexOf('=') + 1).split(","))
                        : Stream.of("<every class>"))
                .filter(name -> !allowed.containsKey(name))
                .toList();
        assertEquals(List.of(), forced, "native-image.args forces classes to initialise at build time; if one "
                + "is safe, list it with the reason in src/test/resources/deploy/build-time-init-allowed.txt");
    }

    /**
     * Quarkus initialises application classes at build time unless told otherwise, so a static
     * initialiser that reads the clock, the environment, a random source or the machine would
     * freeze the build machine's answer into the image. Such a class must be named in
     * {@code quarkus.native.additional-build-args=--initialize-at-run-time=...}.
     */
    @Test
    void classesWithRuntimeStateInitialiseAtRunTime() {
        Set<String> runTime = new TreeSet<>();
        args.stream().filter(a -> a.startsWith("--initialize-at-run-time="))
                .forEach(a -> runTime.addAll(Arrays.asList(a.substring(a.indexOf('=') + 1).split(","))));
        List<String> frozen = new ArrayList<>();
        for (AppClass type : AppClasses.ofThisBuild()) {
            List<String> calls = type.staticInitCalls().stream().filter(RUNTIME_ONLY_CALLS::contains).distinct()
                    .toList();
            boolean deferred = runTime.stream().anyMatch(p -> type.name().equals(p) || type.name().startsWith(p + "."));
            if (!calls.isEmpty() && !deferred) {
                frozen.add(type.name() + " calls " + calls);
            }
        }
        assertEquals(List.of(), frozen, "static initialisers that would run at image build time");
    }

    /** Every class entry of the reflection configuration the build generated, by class name. */
    private static Map<String, JsonNode> reflectionConfiguration() throws IOException {
        Path runner;
        try (Stream<Path> files = Files.list(sources)) {
            runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no runner jar in " + sources));
        }
        Map<String, JsonNode> entries = new HashMap<>();
        try (JarFile jar = new JarFile(runner.toFile())) {
            for (JarEntry file : jar.stream().toList()) {
                String name = file.getName();
                if (!name.startsWith("META-INF/native-image/")) {
                    continue;
                }
                JsonNode types = null;
                if (name.endsWith("/reflect-config.json")) {
                    types = read(jar, file);
                } else if (name.endsWith("/reachability-metadata.json")) {
                    types = read(jar, file).path("reflection");
                }
                if (types != null) {
                    types.forEach(t -> entries.put(t.path("name").asText(t.path("type").asText()), t));
                }
            }
        }
        assertTrue(!entries.isEmpty(), "no reflection configuration in " + runner);
        return entries;
    }

    private static JsonNode read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    /** Jackson builds a record through its canonical constructor and reads it through its accessors. */
    private static boolean registersConstructorsAndAccessors(JsonNode entry) {
        boolean constructors = entry.path("allDeclaredConstructors").asBoolean() || entry.has("methods");
        boolean methods = entry.path("allDeclaredMethods").asBoolean() || entry.path("allPublicMethods").asBoolean();
        return constructors && methods;
    }
}
