package com.penguinmails.crmsync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server of the test JVM: one embedded PostgreSQL 17 started on first use, or the server named by
 * {@code CRMSYNC_TEST_DATABASE_URL} (with {@code CRMSYNC_TEST_DATABASE_USERNAME} / {@code _PASSWORD}; the user needs
 * CREATEDB). Every caller gets a database of its own, created empty, so test classes never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static @Nullable Server server;

    private TestDatabase() {
    }

    /** A JDBC URL, user and password of the server. */
    private record Server(String baseUrl, String username, String password) {
    }

    /** A connection target: a fresh, empty database. */
    public record Database(String url, String username, String password) {

        /** The Spring properties that point an application context at this database. */
        public Map<String, Object> springProperties() {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                    "spring.datasource.password", password);
        }

        /** The same, as environment variables of a child process. */
        public Map<String, String> environment() {
            return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", username,
                    "SPRING_DATASOURCE_PASSWORD", password);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }
    }

    /** Creates an empty database named after {@code purpose}. */
    public static Database create(String purpose) {
        Server s = server();
        String name = (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + COUNTER.incrementAndGet()
                + "_" + ProcessHandle.current().pid()).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(s.baseUrl() + "postgres", s.username(), s.password());
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(s.baseUrl() + name, s.username(), s.password());
    }

    /** Registers a fresh database as the datasource of a Spring test context. */
    public static Database register(DynamicPropertyRegistry registry, String purpose) {
        Database db = create(purpose);
        db.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        return db;
    }

    private static synchronized Server server() {
        if (server == null) {
            String url = System.getenv("CRMSYNC_TEST_DATABASE_URL");
            if (url != null && !url.isBlank()) {
                String base = url.substring(0, url.lastIndexOf('/') + 1);
                server = new Server(base, System.getenv().getOrDefault("CRMSYNC_TEST_DATABASE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("CRMSYNC_TEST_DATABASE_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder()
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            .setServerConfig("max_connections", "300")
                            .start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the JVM is going anyway
                        }
                    }));
                    server = new Server("jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", "");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
                }
            }
        }
        return server;
    }
}
