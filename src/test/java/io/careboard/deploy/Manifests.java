package io.careboard.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The k8s/ kustomizations, rendered by {@code kubectl kustomize} (the kubectl on the PATH, or
 * the one named by {@code -Dcareboard.kubectl}) and parsed into fabric8's typed Kubernetes
 * objects. A field that the Kubernetes schema does not know (a typo) fails the parse.
 */
final class Manifests {

    static final Path ROOT = Path.of("k8s");

    /** One rendered kustomization: its folder and its objects. */
    record Rendering(Path dir, List<HasMetadata> objects) {

        String name() {
            return ROOT.relativize(dir).toString();
        }

        <T extends HasMetadata> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
            return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(
                    name() + " renders no " + kind.getSimpleName() + " " + name));
        }
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** The base and every overlay under k8s/overlays, rendered. */
    static List<Rendering> renderAll() throws IOException, InterruptedException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(ROOT.resolve("base"));
        try (Stream<Path> overlays = Files.list(ROOT.resolve("overlays"))) {
            overlays.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        List<Rendering> out = new ArrayList<>();
        for (Path dir : dirs) {
            out.add(new Rendering(dir, parse(render(dir), dir)));
        }
        return out;
    }

    static String render(Path dir) throws IOException, InterruptedException {
        String kubectl = System.getProperty("careboard.kubectl", "kubectl");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + " (install Debian's kubernetes-client, as .ci/run does)", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<HasMetadata> parse(String yaml, Path dir) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                throw new AssertionError(dir + ": not a known Kubernetes kind:\n" + document);
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(object, kindAndName(object), unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError(dir + ": fields the Kubernetes schema does not have: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    private static String kindAndName(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** Walks a typed object; anything that landed in a model class's additionalProperties is unknown. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
