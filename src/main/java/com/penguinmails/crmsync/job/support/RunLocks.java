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
 *
 * <p>An execution is visible as STARTING or STARTED before its run takes its execution lock. So that no one reads
 * that start-up window as a dead run, a launch holds the launch gate (a shared advisory lock) from before its
 * execution is created until it holds its execution lock ({@link #launching}), and {@link #isRunning} takes the gate
 * exclusively before it looks at an execution lock: it waits for every launch in its start-up window to hold its lock
 * (or to have died).
 */
@Component
public class RunLocks {

    static final String APPLICATION_NAME = "crm-sync execution ";
    /** The {@code application_name} of a lease's session: {@code crm-sync serve} holds the target. */
    static final String SERVICE_APPLICATION_NAME = "crm-sync serve";
    /** First key of an execution's own lock; the second is its id. */
    private static final int EXECUTION_KEY = LockTarget.crc("PMCS|execution");
    /** Keys of the launch gate. */
    private static final int LAUNCH_KEY = LockTarget.crc("PMCS|launch");
    /** How long {@link #isRunning} waits for launches in their start-up window. */
    private static final String GATE_TIMEOUT = "60s";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ConcurrentMap<Long, Session> sessions = new ConcurrentHashMap<>();
    /** The connection of the launch this thread is making, holding the gate until its execution lock is taken. */
    private final ThreadLocal<Connection> launching = new ThreadLocal<>();
    /** Runs after an execution exists and before its lock is taken (tests hold a launch in its start-up window). */
    private volatile java.util.function.LongConsumer beforeExecutionLock = id -> { };

    public RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Who holds a lock: a run's execution, the service ({@code service}: a {@link Lease}), or (null) a session that
     * is not a crm-sync run.
     */
    public record Holder(@Nullable Long executionId, int backendPid, boolean service) {

        public Holder(@Nullable Long executionId, int backendPid) {
            this(executionId, backendPid, false);
        }

        @Override
        public String toString() {
            if (executionId != null) {
                return "execution " + executionId;
            }
            if (service) {
                return "crm-sync serve (real-time sync, backend pid " + backendPid + ")";
            }
            return backendPid == 0 ? "a run that has just ended"
                    : "a database session that is not a crm-sync run (backend pid " + backendPid + ")";
        }
    }

    /**
     * Holds the launch gate for the execution this thread is about to create and run: its lock session adopts the
     * gate's connection, and lets the gate go once it holds its execution lock. Close it when the launch returns
     * (a launch that failed before its execution ran lets the gate go then).
     */
    public Launch launching() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock_shared(?, 0)")) {
                ps.setInt(1, LAUNCH_KEY);
                ps.execute();
            }
            launching.set(connection);
            return new Launch(this, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot take the launch gate", e);
        }
    }

    /** Sets what runs between an execution's creation and its lock (tests only). */
    void beforeExecutionLock(java.util.function.LongConsumer hook) {
        this.beforeExecutionLock = hook;
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

    /**
     * Whether some process holds the lock of this execution: it runs now (a free lock means its process is gone).
     * Waits first for the launches in their start-up window (between creating their execution and taking its lock),
     * so an execution that is just starting is never taken for a dead one.
     */
    public boolean isRunning(long executionId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                    ps.setString(1, GATE_TIMEOUT);
                    ps.execute();
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?, 0)")) {
                    ps.setInt(1, LAUNCH_KEY);
                    ps.execute();
                }
                return !tryLock(connection, EXECUTION_KEY, (int) executionId);
            } finally {
                // session-level locks outlive the transaction: let both go before the connection returns to the pool
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    connection.rollback();
                    ps.execute();
                    connection.commit();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot check whether execution " + executionId + " runs"
                    + " (a launch has held the launch gate for " + GATE_TIMEOUT + "?)", e);
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

    /**
     * Takes {@code jobName}'s lock on {@code target} for the long-running service ({@code crm-sync serve}), for one
     * micro-batch: on a dedicated connection named {@value #SERVICE_APPLICATION_NAME}, released when the lease is
     * closed (or its connection ends). The same lock a run of that job claims, so the service and a run never work
     * on one connection at once.
     *
     * @return the lease, or empty when someone (a run, another replica) holds the target now
     */
    public Optional<Lease> tryLease(String jobName, LockTarget target) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                ps.setString(1, SERVICE_APPLICATION_NAME);
                ps.execute();
            }
            if (tryLock(connection, target.classKey(jobName), target.objectKey())) {
                return Optional.of(new Lease(connection));
            }
            closeQuietly(connection);
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot take the lock of " + target + " for " + jobName, e);
        }
    }

    private Session open(long executionId) {
        Connection connection = launching.get();
        boolean gate = connection != null;
        launching.remove();
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            connection.setAutoCommit(true);
            String setName = "SELECT set_config('application_name', ?, false)";
            try (PreparedStatement ps = connection.prepareStatement(setName)) {
                ps.setString(1, APPLICATION_NAME + executionId);
                ps.execute();
            }
            beforeExecutionLock.accept(executionId);
            if (!tryLock(connection, EXECUTION_KEY, (int) executionId)) {
                throw new IllegalStateException("execution " + executionId + " already runs in another process");
            }
            if (gate) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_shared(?, 0)")) {
                    ps.setInt(1, LAUNCH_KEY);
                    ps.execute();
                }
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
        return new Holder(null, pid, SERVICE_APPLICATION_NAME.equals(applicationName));
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

    /**
     * Lets a connection go with every advisory lock it holds: a pooled connection's session outlives its
     * {@code close()}, and so would its locks.
     */
    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_advisory_unlock_all(), set_config('application_name', '', false)")) {
                ps.execute();
            } catch (SQLException ignored) {
                // a broken connection is not returned to the pool; its session and locks end with it
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the locks, if any, go with the session
            }
        }
    }

    /** The service's hold on one job's target; closing it lets the target go. */
    public static final class Lease implements AutoCloseable {

        private final Connection connection;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            closeQuietly(connection);
        }
    }

    /** A launch holding the gate; closing it lets the gate go unless its execution's lock session took it over. */
    public static final class Launch implements AutoCloseable {

        private final RunLocks locks;
        private final Connection connection;

        private Launch(RunLocks locks, Connection connection) {
            this.locks = locks;
            this.connection = connection;
        }

        @Override
        public void close() {
            if (locks.launching.get() == connection) {
                locks.launching.remove();
                closeQuietly(connection);
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
