package io.careboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.deploy.AppClasses.AppClass;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The configuration keys Careboard knows, derived from the code: the config model that every
 * Quarkus extension ships (META-INF/quarkus-config-doc), the {@code io.careboard}
 * {@code @ConfigMapping} interfaces and application.properties. Names convert to environment
 * variables the MicroProfile way.
 */
final class ConfigKeys {

    /** Where a key comes from and whether it can change after the build. */
    enum Phase { RUN_TIME, BUILD_TIME, UNKNOWN }

    /** A known key; {@code name} may hold map-key segments ({@code "datasource-name"} or {@code *}). */
    record Key(String name, String defaultValue, Phase phase, String source) {

        /** Whether this key (or, for a map key, one of its instances) is set by the environment variable. */
        boolean matchesEnv(String env) {
            return envPattern(name).matcher(env).matches();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    private ConfigKeys() {
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Pattern envPattern(String name) {
        StringBuilder regex = new StringBuilder();
        for (String segment : segments(name)) {
            if (!regex.isEmpty()) {
                regex.append('_');
            }
            boolean mapKey = segment.equals("*") || segment.startsWith("\"");
            regex.append(mapKey ? "[A-Z0-9_]+" : Pattern.quote(envName(segment)));
        }
        return Pattern.compile(regex.toString());
    }

    /** A property name split at its dots, keeping quoted segments whole. */
    static List<String> segments(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : name.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    /**
     * Every key of every Quarkus extension on the classpath, from the config model it ships: the
     * runtime jar's, and its deployment jar's (build-time keys often live there), which the
     * build has already put in the local Maven repository.
     */
    static List<Key> quarkusExtensions() {
        List<Key> keys = new ArrayList<>();
        ClassLoader loader = ConfigKeys.class.getClassLoader();
        try {
            for (URL model : Collections.list(loader.getResources(CONFIG_MODEL))) {
                try (InputStream in = model.openStream()) {
                    collect(JSON.readTree(in), keys);
                }
            }
            for (URL descriptor : Collections.list(loader.getResources("META-INF/quarkus-extension.properties"))) {
                Properties extension = new Properties();
                try (InputStream in = descriptor.openStream()) {
                    extension.load(in);
                }
                String deployment = extension.getProperty("deployment-artifact");
                if (deployment != null) {
                    readDeploymentModel(deployment, keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void readDeploymentModel(String coordinates, List<Key> keys) throws IOException {
        String[] gav = coordinates.split(":");
        Path repository = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        Path jar = repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the build resolved no " + jar + "; run ./mvnw package first");
        }
        try (JarFile archive = new JarFile(jar.toFile())) {
            JarEntry model = archive.getJarEntry(CONFIG_MODEL);
            if (model != null) {
                try (InputStream in = archive.getInputStream(model)) {
                    collect(JSON.readTree(in), keys);
                }
            }
        }
    }

    private static void collect(JsonNode node, List<Key> keys) {
        if (node.isObject() && node.path("@class").asText().endsWith(".ConfigProperty")) {
            Phase phase = node.path("phase").asText().equals("RUN_TIME") ? Phase.RUN_TIME : Phase.BUILD_TIME;
            String defaultValue = node.hasNonNull("defaultValue") ? node.get("defaultValue").asText() : null;
            String source = node.path("sourceType").asText();
            keys.add(new Key(node.path("path").path("property").asText(), defaultValue, phase, source));
            node.path("additionalPaths").forEach(
                    p -> keys.add(new Key(p.path("property").asText(), defaultValue, phase, source)));
            return;
        }
        node.forEach(child -> collect(child, keys));
    }

    /** Every key of the application's own {@code @ConfigMapping} interfaces, with its default. */
    static List<Key> appMappings(List<AppClass> classes) {
        List<Key> keys = new ArrayList<>();
        for (AppClass type : classes) {
            if (!type.annotations().contains(ConfigMapping.class.getName())) {
                continue;
            }
            Class<?> mapping = load(type.name());
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            Map<String, Property> properties = ConfigMappings.getProperties(new ConfigClass(mapping, prefix));
            properties.forEach((name, property) -> {
                if (property.isLeaf() || property.isPrimitive() || property.isOptional() || property.isCollection()) {
                    String defaultValue = property.hasDefaultValue() ? property.getDefaultValue() : null;
                    keys.add(new Key(name, defaultValue, Phase.RUN_TIME, mapping.getName()));
                }
            });
        }
        return keys;
    }

    /**
     * The keys application.properties sets for a profile ({@code null}: the default profile,
     * i.e. what the packaged app runs with), each with the section it sits in.
     */
    static Map<String, Key> applicationProperties(String profile) {
        Map<String, Key> keys = new LinkedHashMap<>();
        Properties values = new Properties();
        Map<String, String> sections = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            values.load(in);
            String section = "";
            for (String line : Files.readAllLines(APPLICATION_PROPERTIES)) {
                if (line.startsWith("# --- ")) {
                    section = line.substring(6).replaceAll("[-\\s]+$", "").trim();
                } else if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    sections.put(line.substring(0, line.indexOf('=')).trim(), section);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefix = profile == null ? null : "%" + profile + ".";
        for (String raw : values.stringPropertyNames()) {
            boolean profiled = raw.startsWith("%");
            if (profile == null ? profiled : !raw.startsWith(prefix)) {
                continue;
            }
            String name = profile == null ? raw : raw.substring(prefix.length());
            keys.put(name, new Key(name, values.getProperty(raw), Phase.UNKNOWN,
                    "application.properties: " + sections.getOrDefault(raw, "")));
        }
        return keys;
    }

    /** Every profile-qualified key in application.properties, with the profile prefix removed. */
    static List<String> profiledApplicationProperties() {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values.stringPropertyNames().stream().filter(n -> n.startsWith("%"))
                .map(n -> n.substring(n.indexOf('.') + 1)).sorted().distinct().toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
