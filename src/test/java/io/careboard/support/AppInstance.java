package io.careboard.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One more Careboard process from the packaged app ({@code target/quarkus-app}), sharing the test
 * PostgreSQL and Redis: for tests that need several replicas. Runs the test profile without
 * Flyway's clean, on a port of its own, logging to {@code target/<name>.log}.
 */
public final class AppInstance implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private AppInstance(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts an instance with extra configuration and waits until it is ready. */
    public static AppInstance start(String name, Map<String, String> config) throws IOException, InterruptedException {
        return start(name, freePort(), config);
    }

    /** Starts an instance on a given port: a restart where the clients of a stopped one reconnect. */
    public static AppInstance start(String name, int port, Map<String, String> config)
            throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run this test after `mvn package` (as failsafe does)");
        }
        Map<String, String> properties = new TreeMap<>();
        properties.put("quarkus.profile", "test");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.flyway.clean-at-start", "false");
        properties.putAll(config);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".")).start();
        AppInstance instance = new AppInstance(name, port, process, log);
        instance.awaitReady(Duration.ofSeconds(60));
        return instance;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public Path log() {
        return log;
    }

    /** Stops the process gracefully (SIGTERM), as Kubernetes does. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
