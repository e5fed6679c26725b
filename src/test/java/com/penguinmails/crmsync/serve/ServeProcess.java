package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica of {@code crm-sync serve} as a pod runs it: the packaged jar in its own JVM, on the benchmark's
 * database and keyset, so that {@link #kill()} is a real {@code kill -9}.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    final Path log;
    private final Process process;
    private final URI uri;

    private ServeProcess(String name, Path log, Process process, URI uri) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.uri = uri;
    }

    /**
     * Starts {@code java -jar target/crm-sync.jar serve --port 0} and waits until it is ready.
     *
     * @param settings more environment ({@code CRMSYNC_SERVE_PUBLIC_URL}, the HubSpot client secret, ...)
     */
    static ServeProcess start(String name, TestDatabase.Database db, Path keyset, String heap,
                              Map<String, String> settings) throws Exception {
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the packaged CLI " + jar + " is missing (run through 'mvnw verify')");
        }
        Path home = Files.createTempDirectory("realtime-benchmark-" + name);
        Path log = home.resolve("serve.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Duser.home=" + home, "-jar", jar.toString(), "serve", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());
        builder.environment().put("CRMSYNC_CREDENTIALS_KEYSET_FILE", keyset.toString());
        builder.environment().put("CRMSYNC_SERVE_DISPATCH_SCHEDULER_NAME", name);
        builder.environment().putAll(settings);
        Process process = builder.start();
        // a benchmark stopped with Ctrl-C or SIGTERM leaves no replica behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
        int port = awaitPort(process, log);
        ServeProcess replica = new ServeProcess(name, log, process, URI.create("http://127.0.0.1:" + port));
        replica.awaitReady();
        return replica;
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("serve ended (" + process.exitValue() + "), see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("serve printed no port within 180 s, see " + log);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(uri.resolve(
                        "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (readiness.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("serve ended (" + process.exitValue() + "), see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("serve " + name + " not ready within 120 s, see " + log);
    }

    /** SIGTERM, and {@code kill -9} if it has not stopped within 45 s (the Deployment's grace period). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(45, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
