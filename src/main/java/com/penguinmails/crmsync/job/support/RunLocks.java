package com.penguinmails.crmsync.job.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run per connection (and per tenant for tenant partitions), whatever selection started it, across processes and
 * hosts. Each execution running in this process has a lock session: a dedicated database connection, named
 * {@code crm-sync execution <id>} ({@code application_name}), that holds PostgreSQL session-level advisory locks from
 * the execution's start to its end: one on the execution itself (its liveness) and one per {@link LockTarget} its
 * partitions work on. The database drops them all when that connection ends, so a killed process never leaves one
 * behind, and a free execution lock proves that no process runs that execution any more. Who holds a target is read
 * from {@code pg_locks} and the holder's {@code application_name}, so a refusal names the execution that holds it.
 */
@Component
public class RunLocks {

    static final String APPLICATION_NAME = "crm-sync execution ";
    /** First key of an execution's own lock; the second is its id. */
    private static final int EXECUTION_KEY = LockTarget.crc("PMCS|execution");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ConcurrentMap<Long, Session> sessions = new ConcurrentHashMap<>();

    public RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Who holds a lock: a run's execution, or (null) a session that is not a crm-sync run. */
    public record Holder(@Nullable Long executionId, int backendPid) {
        @Override
        public String toString() {
            if (executionId != null) {
                return "execution " + executionId;
            }
            return backendPid == 0 ? "a run that has just ended"
                    : "a database session that is not a crm-sync run (backend pid " + backendPid + ")";
        }
    }

    /** The lock session of an execution running in this process, opened (taking its execution lock) if need be. */
    public Session session(long executionId) {
        return sessions.computeIfAbsent(executionId, this::open);
    }

    /** Ends an execution's lock session in this process, releasing every lock it holds. */
    public void close(long executionId) {
        Session session = sessions.remove(executionId);
        if (session != null) {
            session.close();
        }
    }

    /** Whether some process holds the lock of this execution: it runs now (a free lock means its process is gone). */
    public boolean isRunning(long executionId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection, EXECUTION_KEY, (int) executionId)) {
                return true;
            }
            unlock(connection, EXECUTION_KEY, (int) executionId);
            return false;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot check whether execution " + executionId + " runs", e);
        }
    }

    /** The holders of those of {@code targets} that some session holds for {@code jobName} now. */
    public Map<LockTarget, Holder> holders(String jobName, Collection<LockTarget> targets) {
        Map<String, LockTarget> byKey = new LinkedHashMap<>();
        targets.forEach(t -> byKey.put(key(t.classKey(jobName), t.objectKey()), t));
        Map<LockTarget, Holder> holders = new LinkedHashMap<>();
        if (byKey.isEmpty()) {
            return holders;
        }
        List<LockTarget> list = List.copyOf(byKey.values());
        Long[] classKeys = list.stream().map(t -> Integer.toUnsignedLong(t.classKey(jobName))).toArray(Long[]::new);
        Long[] objectKeys = list.stream().map(t -> Integer.toUnsignedLong(t.objectKey())).toArray(Long[]::new);
        jdbc.query("""
                        SELECT l.classid::bigint AS c, l.objid::bigint AS o, l.pid, a.application_name
                        FROM unnest(?::bigint[], ?::bigint[]) AS t(c, o)
                        JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                             AND l.classid::bigint = t.c AND l.objid::bigint = t.o
                             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        LEFT JOIN pg_stat_activity a ON a.pid = l.pid""",
                rs -> {
                    LockTarget target = byKey.get(key((int) rs.getLong("c"), (int) rs.getLong("o")));
                    if (target != null) {
                        holders.put(target, holder(rs.getInt("pid"), rs.getString("application_name")));
                    }
                }, classKeys, objectKeys);
        return holders;
    }

    private Session open(long executionId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            String setName = "SELECT set_config('application_name', ?, false)";
            try (PreparedStatement ps = connection.prepareStatement(setName)) {
                ps.setString(1, APPLICATION_NAME + executionId);
                ps.execute();
            }
            if (!tryLock(connection, EXECUTION_KEY, (int) executionId)) {
                throw new IllegalStateException("execution " + executionId + " already runs in another process");
            }
            return new Session(this, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot open the lock session of execution " + executionId, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Holder holder(int pid, @Nullable String applicationName) {
        if (applicationName != null && applicationName.startsWith(APPLICATION_NAME)) {
            try {
                return new Holder(Long.parseLong(applicationName.substring(APPLICATION_NAME.length())), pid);
            } catch (NumberFormatException ignored) {
                // not one of ours after all
            }
        }
        return new Holder(null, pid);
    }

    private static String key(int classKey, int objectKey) {
        return classKey + ":" + objectKey;
    }

    private static boolean tryLock(Connection connection, int classKey, int objectKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, classKey);
            ps.setInt(2, objectKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, int classKey, int objectKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, classKey);
            ps.setInt(2, objectKey);
            ps.execute();
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the locks, if any, go with the session
            }
        }
    }

    /** The locks of one execution, on its dedicated connection; closing it releases them all. */
    public static final class Session implements AutoCloseable {

        private final RunLocks locks;
        private final Connection connection;
        private final Set<String> held = new HashSet<>();

        private Session(RunLocks locks, Connection connection) {
            this.locks = locks;
            this.connection = connection;
        }

        /**
         * Takes the lock of {@code target} for {@code jobName} until the execution ends (again: a no-op).
         *
         * @return empty when this execution holds it now, else who holds it
         */
        public synchronized Optional<Holder> claim(String jobName, LockTarget target) {
            int classKey = target.classKey(jobName);
            int objectKey = target.objectKey();
            if (held.contains(key(classKey, objectKey))) {
                return Optional.empty();
            }
            try {
                if (tryLock(connection, classKey, objectKey)) {
                    held.add(key(classKey, objectKey));
                    return Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("cannot take the lock of " + target, e);
            }
            // the holder may have ended in between: then it is named as gone, and the next run takes the target
            return Optional.of(locks.holders(jobName, List.of(target)).getOrDefault(target, new Holder(null, 0)));
        }

        @Override
        public synchronized void close() {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_advisory_unlock_all(), set_config('application_name', '', false)")) {
                ps.execute();
            } catch (SQLException ignored) {
                // closing the connection below ends the session's locks anyway
            } finally {
                held.clear();
                closeQuietly(connection);
            }
        }
    }
}
