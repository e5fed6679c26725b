package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.SyncError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.sync_errors}, the dead letters: a failed record is recorded once while open (a second failure
 * bumps its attempts and reason), retried on the next run, and resolved when it syncs.
 */
@Repository
public class SyncErrorStore {

    private final JdbcClient jdbc;

    public SyncErrorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records failures in one statement. Several problems of one record (two bad fields) become one error whose
     * fields and reasons are joined.
     */
    public void record(List<SyncError> given) {
        if (given.isEmpty()) {
            return;
        }
        java.util.Map<String, SyncError> byKey = new java.util.LinkedHashMap<>();
        for (SyncError e : given) {
            byKey.merge(e.jobName() + "|" + e.tenantId() + "|" + e.connectionId() + "|" + e.recordKey(), e,
                    (a, b) -> new SyncError(a.tenantId(), a.connectionId(), a.jobName(), a.jobExecutionId(),
                            a.recordKey(), join(a.field(), b.field()), a.reason() + "; " + b.reason(),
                            a.payloadJson() != null ? a.payloadJson() : b.payloadJson()));
        }
        List<SyncError> errors = List.copyOf(byKey.values());
        jdbc.sql("""
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, job_execution_id,
                                                          record_key, field, reason, payload)
                        SELECT * FROM unnest(CAST(:tenant AS text[]), CAST(:connection AS bigint[]),
                                             CAST(:job AS text[]), CAST(:execution AS bigint[]), CAST(:key AS text[]),
                                             CAST(:field AS text[]), CAST(:reason AS text[]), CAST(:payload AS jsonb[]))
                        ON CONFLICT (job_name, tenant_id, coalesce(connection_id, 0), record_key)
                           WHERE status = 'open'
                        DO UPDATE SET attempts = crm_sync.sync_errors.attempts + 1, field = EXCLUDED.field,
                                      reason = EXCLUDED.reason, payload = EXCLUDED.payload,
                                      job_execution_id = EXCLUDED.job_execution_id, last_seen_at = now()""")
                .param("tenant", errors.stream().map(SyncError::tenantId).toArray(String[]::new))
                .param("connection", errors.stream().map(SyncError::connectionId).toArray(Long[]::new))
                .param("job", errors.stream().map(SyncError::jobName).toArray(String[]::new))
                .param("execution", errors.stream().map(SyncError::jobExecutionId).toArray(Long[]::new))
                .param("key", errors.stream().map(SyncError::recordKey).toArray(String[]::new))
                .param("field", errors.stream().map(SyncError::field).toArray(String[]::new))
                .param("reason", errors.stream().map(SyncError::reason).toArray(String[]::new))
                .param("payload", errors.stream().map(SyncError::payloadJson).toArray(String[]::new))
                .update();
    }

    private static @Nullable String join(@Nullable String a, @Nullable String b) {
        return a == null ? b : b == null || a.equals(b) ? a : a + "," + b;
    }

    /** Marks open errors of these records resolved (they synced). */
    public int resolve(String jobName, String tenantId, @Nullable Long connectionId, Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE crm_sync.sync_errors SET status = 'resolved', last_seen_at = now()
                        WHERE status = 'open' AND job_name = :job AND tenant_id = :tenant
                          AND coalesce(connection_id, 0) = coalesce(:connection, 0)
                          AND record_key = ANY(CAST(:keys AS text[]))""")
                .param("job", jobName).param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("keys", recordKeys.toArray(String[]::new))
                .update();
    }

    /** Open errors of a connection (or tenant), oldest first. */
    public List<SyncError> open(String tenantId, @Nullable Long connectionId, int limit) {
        return jdbc.sql("""
                        SELECT tenant_id, connection_id, job_name, job_execution_id, record_key, field, reason,
                               payload::text
                        FROM crm_sync.sync_errors
                        WHERE status = 'open' AND tenant_id = :tenant
                          AND (CAST(:connection AS bigint) IS NULL OR connection_id = :connection)
                        ORDER BY first_seen_at, id LIMIT :limit""")
                .param("tenant", tenantId).param("connection", connectionId, java.sql.Types.BIGINT)
                .param("limit", limit)
                .query((rs, n) -> new SyncError(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }
    /** A dead letter as operators see it: everything but the payload (it may hold personal data). */
    public record Entry(long id, String tenantId, @Nullable Long connectionId, String jobName, String recordKey,
                        @Nullable String field, String reason, int attempts, String status, Instant firstSeenAt,
                        Instant lastSeenAt) {
    }

    /**
     * Errors, most recently seen first, narrowed by tenant, connection and status ({@code open}, {@code resolved},
     * {@code ignored}) when given.
     */
    public List<Entry> list(@Nullable String tenantId, @Nullable Long connectionId, @Nullable String status,
                            int limit) {
        return jdbc.sql(ENTRY_COLUMNS + """
                         WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)
                          AND (CAST(:connection AS bigint) IS NULL OR connection_id = :connection)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                        ORDER BY last_seen_at DESC, id DESC LIMIT :limit""")
                .param("tenant", tenantId, java.sql.Types.VARCHAR)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("status", status, java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(SyncErrorStore::entry)
                .list();
    }

    /** The errors with these ids (unknown ids are left out), by id. */
    public List<Entry> find(Collection<Long> ids) {
        return jdbc.sql(ENTRY_COLUMNS + " WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id")
                .param("ids", ids.toArray(Long[]::new))
                .query(SyncErrorStore::entry)
                .list();
    }

    /** Marks these errors ignored (an operator decided they need no sync), those still open; how many. */
    public int ignore(Collection<Long> ids) {
        return jdbc.sql("""
                        UPDATE crm_sync.sync_errors SET status = 'ignored'
                        WHERE status = 'open' AND id = ANY(CAST(:ids AS bigint[]))""")
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    private static final String ENTRY_COLUMNS = """
            SELECT id, tenant_id, connection_id, job_name, record_key, field, reason, attempts, status,
                   first_seen_at, last_seen_at
            FROM crm_sync.sync_errors""";

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant());
    }
}
