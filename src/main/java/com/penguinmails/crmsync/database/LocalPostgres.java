package com.penguinmails.crmsync.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The embedded PostgreSQL 17 server of the local default, on a persistent data directory.
 *
 * <p>If a server already runs on the directory (another CLI process started it, or a process that started it was
 * killed and left it running), this attaches to it through the port in its {@code postmaster.pid} instead of failing
 * on the directory lock. A stale {@code postmaster.pid} whose process is gone is removed before starting. Only the
 * process that started the server stops it, on {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(20);

    private final int port;
    private final @Nullable EmbeddedPostgres owned;

    private LocalPostgres(int port, @Nullable EmbeddedPostgres owned) {
        this.port = port;
        this.owned = owned;
    }

    /** Attaches to the server running on {@code dataDir}, or starts one there. */
    public static LocalPostgres startOrAttach(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Optional<Integer> running = runningPort(dataDir);
            if (running.isPresent()) {
                log.debug("Attached to the embedded PostgreSQL already running on port {}", running.get());
                return new LocalPostgres(running.get(), null);
            }
            removeStalePidFile(dataDir);
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .start();
                log.debug("Started the embedded PostgreSQL on port {} (data directory {})", pg.getPort(), dataDir);
                return new LocalPostgres(pg.getPort(), pg);
            } catch (IOException | IllegalStateException e) {
                // another process may have won the race to start it: wait for its pid file and attach
                return new LocalPostgres(awaitRunningPort(dataDir, e), null);
            }
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("cannot use the embedded PostgreSQL data directory "
                    + dataDir + " (" + e + ")", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The user of the embedded server (trust authentication on loopback). */
    public String username() {
        return "postgres";
    }

    /** Whether this process started the server (and will stop it on close). */
    public boolean ownsServer() {
        return owned != null;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }

    /** The port of a live server on this data directory, from its postmaster.pid, if there is one. */
    static Optional<Integer> runningPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty(); // being written right now
        }
        long pid = Long.parseLong(lines.get(0).trim());
        int port = Integer.parseInt(lines.get(3).trim());
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && accepts(port) ? Optional.of(port) : Optional.empty();
    }

    private static void removeStalePidFile(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile);
            boolean alive = !lines.isEmpty()
                    && ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                log.warn("Removing the stale lock {} of an embedded PostgreSQL that is no longer running", pidFile);
                Files.delete(pidFile);
            }
        }
    }

    private static int awaitRunningPort(Path dataDir, Exception startFailure) throws IOException {
        long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> port = runningPort(dataDir);
            if (port.isPresent()) {
                return port.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("cannot start the embedded PostgreSQL on " + dataDir + ": " + startFailure.getMessage(),
                startFailure);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
