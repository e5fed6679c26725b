package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code crm-sync serve} as an operator's pod runs it: the packaged jar starts on a free port, migrates the
 * database, answers its health probes and webhooks, and shuts down gracefully on SIGTERM, leaving no work picked.
 */
class ServeCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servePortZeroStartsAnswersItsProbesAndStopsGracefullyOnSigterm() throws Exception {
        // given
        TestDatabase.Database db = TestDatabase.create("serve_command");
        Path home = Files.createTempDirectory("serve-command-home");
        Path log = home.resolve("serve.log");
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        assertThat(jar).as("the packaged CLI (run through 'mvnw verify')").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Duser.home=" + home, "-jar", jar.toString(), "serve", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());

        // when
        Process serve = builder.start();
        try {
            int port = awaitPort(serve, log);
            HttpResponse<String> liveness = awaitStatus(port, "/actuator/health/liveness", 200);
            HttpResponse<String> readiness = awaitStatus(port, "/actuator/health/readiness", 200);
            HttpResponse<String> unknownCrm = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/webhooks/nosuchcrm"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            // then: up
            assertThat(liveness.body()).contains("\"UP\"");
            assertThat(readiness.body()).contains("\"UP\"");
            assertThat(unknownCrm.statusCode()).isEqualTo(404);
            assertThat(unknownCrm.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));

            // when: Kubernetes stops the pod
            serve.destroy();

            // then: it ends by itself, within the grace period, with nothing left picked
            assertThat(serve.waitFor(45, TimeUnit.SECONDS)).as("serve stopped within 45 s").isTrue();
            assertThat(serve.exitValue()).as(Files.readString(log)).isIn(0, 143);
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.scheduled_tasks WHERE picked")
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.scheduled_tasks WHERE task_name = 'change-notice-sweep'")
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void aPortThatIsNotANumberIsABadCommand() {
        // given: a database nobody serves: a command that started the application would fail differently
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // when
        int exitCode = CrmSyncCli.execute(new String[]{"serve", "--port", "abc"},
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/none"), new PrintWriter(out),
                new PrintWriter(err));

        // then
        assertThat(exitCode).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(err.toString()).contains("--port").doesNotContain("cannot use the database");
    }

    private static int awaitPort(Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            assertThat(serve.isAlive()).as("serve ended: %s", Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve printed no port within 90 s: " + Files.readString(log));
    }

    private static HttpResponse<String> awaitStatus(int port, String path, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return answer;
    }
}
