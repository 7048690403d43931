package io.careboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * src/main/docker and .dockerignore: both images run as a non-root user on the app's port, are
 * built under the one image name of pom.xml, and their build context lets in exactly what the
 * Dockerfiles copy — never the development keys or the tests.
 */
class ContainerImagesTest {

    static final Path DOCKER = Path.of("src/main/docker");
    static final List<String> DOCKERFILES = List.of("Dockerfile.jvm", "Dockerfile.native");
    private static final Pattern TAG = Pattern.compile("docker build .*?-t (\\S+)");

    @Test
    void bothImagesRunAsANonRootUserOnTheAppsPort() throws IOException {
        String port = ConfigKeys.applicationProperties(null).get("quarkus.http.port").defaultValue();
        for (String name : DOCKERFILES) {
            List<String> finalStage = finalStage(Files.readAllLines(DOCKER.resolve(name)));
            String user = last(finalStage, "USER");
            assertTrue(user.matches("\\d+") && !user.equals("0"), name + ": USER must be a numeric non-root id, is " + user);
            assertEquals(port, last(finalStage, "EXPOSE"), name + ": EXPOSE");
        }
    }

    @Test
    void everyDocumentedBuildUsesThePomsImageName() throws IOException {
        BuildFacts build = BuildFacts.fromPom();
        List<Path> documents = new ArrayList<>(DOCKERFILES.stream().map(DOCKER::resolve).toList());
        documents.add(Path.of("README.md"));
        int builds = 0;
        for (Path document : documents) {
            Matcher tag = TAG.matcher(Files.readString(document));
            while (tag.find()) {
                builds++;
                String image = tag.group(1);
                assertEquals(build.image(), image.substring(0, image.lastIndexOf(':')), document + ": " + tag.group());
                assertTrue(image.substring(image.lastIndexOf(':') + 1).startsWith(build.version()), document + ": tag");
            }
        }
        assertTrue(builds >= 3, "the Dockerfiles and README show how to build both images");
    }

    @Test
    void theBuildContextHoldsWhatTheDockerfilesCopyAndNoSecrets() throws IOException {
        DockerIgnore ignore = DockerIgnore.read(Path.of(".dockerignore"));
        for (String name : DOCKERFILES) {
            for (String source : copySources(Files.readAllLines(DOCKER.resolve(name)))) {
                assertTrue(filesUnder(source).stream().anyMatch(f -> !ignore.excludes(f)),
                        name + " copies " + source + " but .dockerignore keeps it out");
            }
        }
        for (String kept : List.of("config/dev-keys/private.pem", "src/test/java/io/careboard/HealthTest.java",
                "target/classes/application.properties", "k8s/base/kustomization.yaml", ".git/config",
                "target/native-sources/native-image.args")) {
            assertTrue(ignore.excludes(kept), ".dockerignore lets " + kept + " into the build context");
        }
    }

    /** The instructions after the last FROM, continuation lines joined. */
    private static List<String> finalStage(List<String> lines) {
        List<String> joined = joinContinuations(lines);
        int from = 0;
        for (int i = 0; i < joined.size(); i++) {
            if (joined.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return joined.subList(from, joined.size());
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
            } else {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }

    private static String last(List<String> instructions, String keyword) {
        String value = null;
        for (String line : instructions) {
            if (line.startsWith(keyword + " ")) {
                value = line.substring(keyword.length() + 1).trim();
            }
        }
        assertTrue(value != null, "no " + keyword);
        return value;
    }

    /** The build-context sources of every COPY that does not copy from another stage. */
    private static List<String> copySources(List<String> lines) {
        List<String> sources = new ArrayList<>();
        for (String line : joinContinuations(lines)) {
            if (!line.startsWith("COPY ")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        return sources;
    }

    /**
     * The files a COPY source stands for: the source itself, or the files under it; a source
     * under target/ (made by the build, which may not have run) as the path the build writes.
     */
    private static List<String> filesUnder(String source) throws IOException {
        String path = source.replace("*", "quarkus-run").replaceAll("/$", "");
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            try (Stream<Path> files = Files.walk(file)) {
                return files.filter(Files::isRegularFile).map(Path::toString).toList();
            }
        }
        return List.of(Files.exists(file) || path.contains(".") ? path : path + "/x");
    }

    /** Docker's .dockerignore rules: patterns in order, '!' re-includes, the last match decides. */
    record DockerIgnore(List<Pattern> patterns, List<Boolean> include) {

        static DockerIgnore read(Path file) throws IOException {
            List<Pattern> patterns = new ArrayList<>();
            List<Boolean> include = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean negated = line.startsWith("!");
                String glob = (negated ? line.substring(1) : line).replaceAll("^/|/$", "");
                patterns.add(Pattern.compile(globToRegex(glob)));
                include.add(negated);
            }
            return new DockerIgnore(patterns, include);
        }

        /** A path is matched by a pattern if the pattern matches it or one of its parent folders. */
        boolean excludes(String path) {
            boolean excluded = false;
            for (int i = 0; i < patterns.size(); i++) {
                String prefix = path;
                boolean matched = false;
                while (true) {
                    if (patterns.get(i).matcher(prefix).matches()) {
                        matched = true;
                        break;
                    }
                    int slash = prefix.lastIndexOf('/');
                    if (slash < 0) {
                        break;
                    }
                    prefix = prefix.substring(0, slash);
                }
                if (matched) {
                    excluded = !include.get(i);
                }
            }
            return excluded;
        }

        private static String globToRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }
}
