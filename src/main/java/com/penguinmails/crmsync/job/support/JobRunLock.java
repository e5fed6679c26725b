package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Shard;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One running execution per job and shard, across processes and hosts: a PostgreSQL session-level advisory lock,
 * held on a dedicated connection for as long as the run goes on. The database releases it when that connection
 * ends, so a killed process never leaves it behind, and a free lock proves that no process runs that job and shard.
 */
@Component
public class JobRunLock {

    /** First key of every lock taken here ("PMCS"), so they do not collide with other users' advisory locks. */
    private static final int NAMESPACE = 0x504d4353;

    private final DataSource dataSource;

    public JobRunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock of {@code jobName} and {@code shard} if no one holds it. */
    public Optional<Held> tryAcquire(String jobName, Shard shard) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (tryLock(connection, key(jobName, shard))) {
                return Optional.of(new Held(connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot take the run lock of " + jobName + " " + shard, e);
        }
    }

    /** Whether some process (this one included) holds the lock of {@code jobName} and {@code shard} now. */
    public boolean isHeld(String jobName, Shard shard) {
        Optional<Held> lock = tryAcquire(jobName, shard);
        lock.ifPresent(Held::close);
        return lock.isEmpty();
    }

    static int key(String jobName, Shard shard) {
        CRC32C crc = new CRC32C();
        crc.update((jobName + "|" + shard).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the lock, if any, goes with the session
            }
        }
    }

    /** A held lock; closing the connection releases it. */
    public static final class Held implements AutoCloseable {

        private final @Nullable Connection connection;

        private Held(@Nullable Connection connection) {
            this.connection = connection;
        }

        /** No lock at all: for a forced restart whose lock another (presumed dead) session still holds. */
        public static Held none() {
            return new Held(null);
        }

        @Override
        public void close() {
            if (connection == null) {
                return;
            }
            try {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    ps.execute();
                }
            } catch (SQLException ignored) {
                // closing the session below releases it anyway
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
