package com.penguinmails.crmsync.serve.changestream;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection locks that make one replica the subscriber of a connection's change stream: PostgreSQL
 * session-level advisory locks {@code (crc32c("PMCS|change-stream"), connection id)}, all held on one database
 * session of this replica kept open for the purpose (taken from the pool, so released explicitly when done). When
 * that session dies the locks are gone with it; the runner then closes its streams and claims again. Not
 * thread-safe: the runner calls it from one thread.
 */
final class StreamLocks implements AutoCloseable {

    /** The first key of every change-stream lock (apart from the job locks' keys). */
    static final int CLASS_KEY = crc("PMCS|change-stream");

    private final DataSource dataSource;
    private @Nullable Connection session;

    StreamLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the connection's lock if no replica holds it. */
    boolean tryLock(long connectionId) throws SQLException {
        return bool("SELECT pg_try_advisory_lock(?, ?)", connectionId);
    }

    void unlock(long connectionId) throws SQLException {
        bool("SELECT pg_advisory_unlock(?, ?)", connectionId);
    }

    /** Whether the session holding the locks is still alive (false: every lock is lost). */
    boolean alive() {
        try {
            return session != null && session.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Releases every lock and gives the session back. */
    @Override
    public void close() {
        Connection current = session;
        session = null;
        if (current != null) {
            try (current; PreparedStatement ps = current.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                ps.execute(); // a pooled session outlives close(): its locks must be let go explicitly
            } catch (SQLException ignored) {
                // a dead session holds no locks
            }
        }
    }

    private boolean bool(String sql, long connectionId) throws SQLException {
        Connection current = session;
        if (current == null) {
            current = dataSource.getConnection();
            current.setAutoCommit(true);
            session = current;
        }
        try (PreparedStatement ps = current.prepareStatement(sql)) {
            ps.setInt(1, CLASS_KEY);
            ps.setInt(2, Math.toIntExact(connectionId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static int crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
