package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.sync_errors}, the dead letters and warnings: a failed record is recorded once while open (a second
 * failure bumps its attempts and reason), retried on the next run, and resolved when it syncs; a value dropped,
 * cleaned or cut is a warning of its record and field, resolved when that field syncs clean.
 */
@Repository
public class SyncErrorStore {

    private final JdbcClient jdbc;
    private final SyncMetrics metrics;

    public SyncErrorStore(JdbcClient jdbc, SyncMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Records problems in one statement. Several errors of one record (two bad fields) become one error whose fields
     * and reasons are joined; warnings are one per record and field. A problem already open is seen again: its
     * attempts go up and its reason is replaced.
     */
    public void record(List<SyncError> given) {
        if (given.isEmpty()) {
            return;
        }
        Map<String, SyncError> byKey = new LinkedHashMap<>();
        for (SyncError e : given) {
            String key = e.kind() + "|" + e.jobName() + "|" + e.tenantId() + "|" + e.connectionId() + "|"
                    + e.recordKey() + (e.kind() == SyncError.Kind.WARNING ? "|" + e.field() : "");
            byKey.merge(key, e, (a, b) -> a.reason().equals(b.reason()) ? a
                    : new SyncError(a.tenantId(), a.connectionId(), a.jobName(), a.jobExecutionId(), a.recordKey(),
                            join(a.field(), b.field()), a.reason() + "; " + b.reason(),
                            a.payloadJson() != null ? a.payloadJson() : b.payloadJson(), a.kind()));
        }
        List<SyncError> errors = List.copyOf(byKey.values());
        // the category the errors table derives (V19) is the metric's reason: the console's groups and the
        // dashboards' series are the same, and no free text (a CRM's words) becomes a tag
        jdbc.sql("""
                        WITH written AS (
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, job_execution_id,
                                                          record_key, field, reason, payload, kind)
                        SELECT * FROM unnest(CAST(:tenant AS text[]), CAST(:connection AS bigint[]),
                                             CAST(:job AS text[]), CAST(:execution AS bigint[]), CAST(:key AS text[]),
                                             CAST(:field AS text[]), CAST(:reason AS text[]), CAST(:payload AS jsonb[]),
                                             CAST(:kind AS text[]))
                        ON CONFLICT (job_name, tenant_id, coalesce(connection_id, 0), record_key, kind,
                                     (CASE WHEN kind = 'warning' THEN coalesce(field, '') ELSE '' END))
                           WHERE status = 'open'
                        DO UPDATE SET attempts = crm_sync.sync_errors.attempts + 1, field = EXCLUDED.field,
                                      reason = EXCLUDED.reason, payload = EXCLUDED.payload,
                                      job_execution_id = EXCLUDED.job_execution_id, last_seen_at = now()
                        RETURNING tenant_id, connection_id, kind, category)
                        SELECT w.tenant_id, w.connection_id, coalesce(c.crm, 'none') AS crm, w.kind, w.category
                        FROM written w LEFT JOIN crm_sync.connections c ON c.id = w.connection_id""")
                .param("tenant", errors.stream().map(SyncError::tenantId).toArray(String[]::new))
                .param("connection", errors.stream().map(SyncError::connectionId).toArray(Long[]::new))
                .param("job", errors.stream().map(SyncError::jobName).toArray(String[]::new))
                .param("execution", errors.stream().map(SyncError::jobExecutionId).toArray(Long[]::new))
                .param("key", errors.stream().map(SyncError::recordKey).toArray(String[]::new))
                .param("field", errors.stream().map(SyncError::field).toArray(String[]::new))
                .param("reason", errors.stream().map(SyncError::reason).toArray(String[]::new))
                .param("payload", errors.stream().map(SyncError::payloadJson).toArray(String[]::new))
                .param("kind", errors.stream().map(e -> e.kind().column()).toArray(String[]::new))
                .query((rs, row) -> {
                    metrics.problem(new SyncMetrics.ConnectionTags(rs.getString("tenant_id"), rs.getString("crm"),
                            rs.getLong("connection_id")), rs.getString("kind"), rs.getString("category"));
                    return null;
                })
                .list();
    }

    private static @Nullable String join(@Nullable String a, @Nullable String b) {
        return a == null ? b : b == null || a.equals(b) ? a : a + "," + b;
    }

    /**
     * Which of {@code recordKeys} have an open error (not a warning) recorded or seen again in the current transaction
     * ({@code last_seen_at = now()}, the transaction's start): the records a write in it has just dead-lettered.
     */
    public List<String> erroredInThisTransaction(String jobName, String tenantId, @Nullable Long connectionId,
                                                 Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT record_key FROM crm_sync.sync_errors
                        WHERE status = 'open' AND kind = 'error' AND job_name = :job AND tenant_id = :tenant
                          AND coalesce(connection_id, 0) = coalesce(:connection, 0)
                          AND record_key = ANY(CAST(:keys AS text[])) AND last_seen_at = now()""")
                .param("job", jobName).param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("keys", recordKeys.toArray(String[]::new))
                .query(String.class).list();
    }

    /** Marks open errors of these records resolved (they synced); their warnings stay until their fields sync. */
    public int resolve(String jobName, String tenantId, @Nullable Long connectionId, Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE crm_sync.sync_errors SET status = 'resolved', last_seen_at = now()
                        WHERE status = 'open' AND kind = 'error' AND job_name = :job AND tenant_id = :tenant
                          AND coalesce(connection_id, 0) = coalesce(:connection, 0)
                          AND record_key = ANY(CAST(:keys AS text[]))""")
                .param("job", jobName).param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("keys", recordKeys.toArray(String[]::new))
                .update();
    }

    /**
     * Marks open warnings resolved for the fields that synced clean: per record key, the fields whose value went
     * through this time without being dropped, cleaned or cut.
     */
    public int resolveWarnings(String jobName, String tenantId, @Nullable Long connectionId,
                               Map<String, ? extends Collection<String>> cleanFieldsByRecord) {
        List<String> keys = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        cleanFieldsByRecord.forEach((key, clean) -> clean.forEach(field -> {
            keys.add(key);
            fields.add(field);
        }));
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE crm_sync.sync_errors e SET status = 'resolved', last_seen_at = now()
                        FROM unnest(CAST(:keys AS text[]), CAST(:fields AS text[])) AS clean(record_key, field)
                        WHERE e.status = 'open' AND e.kind = 'warning' AND e.job_name = :job
                          AND e.tenant_id = :tenant AND coalesce(e.connection_id, 0) = coalesce(:connection, 0)
                          AND e.record_key = clean.record_key AND e.field = clean.field""")
                .param("job", jobName).param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("keys", keys.toArray(String[]::new))
                .param("fields", fields.toArray(String[]::new))
                .update();
    }

    /** How many problems of each kind an execution last saw that are still open (for run summaries). */
    public Map<SyncError.Kind, Long> openByExecution(long jobExecutionId) {
        Map<SyncError.Kind, Long> counts = new EnumMap<>(SyncError.Kind.class);
        for (SyncError.Kind kind : SyncError.Kind.values()) {
            counts.put(kind, 0L);
        }
        openByExecutionPerTarget(jobExecutionId).values().forEach(target -> target.forEach(
                (kind, count) -> counts.merge(kind, count, Long::sum)));
        return counts;
    }

    /**
     * Open errors and warnings an execution left, per what they belong to: {@code connection <id>} for a
     * connection's, {@code tenant <id>} for a tenant's own (no connection).
     */
    public Map<String, Map<SyncError.Kind, Long>> openByExecutionPerTarget(long jobExecutionId) {
        Map<String, Map<SyncError.Kind, Long>> counts = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT CASE WHEN connection_id IS NULL THEN 'tenant ' || tenant_id
                                    ELSE 'connection ' || connection_id END, kind, count(*)
                        FROM crm_sync.sync_errors
                        WHERE job_execution_id = :execution AND status = 'open' GROUP BY 1, 2""")
                .param("execution", jobExecutionId)
                .query((rs, n) -> counts.computeIfAbsent(rs.getString(1), t -> new EnumMap<>(SyncError.Kind.class))
                        .put(SyncError.Kind.ofColumn(rs.getString(2)), rs.getLong(3)))
                .list();
        return counts;
    }

    /** Open errors of a connection (or tenant), oldest first. */
    public List<SyncError> open(String tenantId, @Nullable Long connectionId, int limit) {
        return jdbc.sql("""
                        SELECT tenant_id, connection_id, job_name, job_execution_id, record_key, field, reason,
                               payload::text, kind
                        FROM crm_sync.sync_errors
                        WHERE status = 'open' AND tenant_id = :tenant
                          AND (CAST(:connection AS bigint) IS NULL OR connection_id = :connection)
                        ORDER BY first_seen_at, id LIMIT :limit""")
                .param("tenant", tenantId).param("connection", connectionId, java.sql.Types.BIGINT)
                .param("limit", limit)
                .query((rs, n) -> new SyncError(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        SyncError.Kind.ofColumn(rs.getString(9))))
                .list();
    }

    /**
     * A dead letter or warning as operators see it: everything but the payload (it may hold personal data).
     *
     * @param kind {@code error} (the record did not sync) or {@code warning} (a value of it did not, or was changed)
     */
    public record Entry(long id, String tenantId, @Nullable Long connectionId, String jobName, String recordKey,
                        @Nullable String field, String reason, int attempts, String status, Instant firstSeenAt,
                        Instant lastSeenAt, String kind) {
    }

    /**
     * Errors and warnings, most recently seen first, narrowed by tenant, connection, status ({@code open},
     * {@code resolved}, {@code ignored}) and kind ({@code error}, {@code warning}) when given.
     */
    public List<Entry> list(@Nullable String tenantId, @Nullable Long connectionId, @Nullable String status,
                            int limit) {
        return list(tenantId, connectionId, status, null, limit);
    }

    /** As {@link #list(String, Long, String, int)}, of one kind when {@code kind} is given. */
    public List<Entry> list(@Nullable String tenantId, @Nullable Long connectionId, @Nullable String status,
                            @Nullable String kind, int limit) {
        return jdbc.sql(ENTRY_COLUMNS + """
                         WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)
                          AND (CAST(:connection AS bigint) IS NULL OR connection_id = :connection)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                        ORDER BY last_seen_at DESC, id DESC LIMIT :limit""")
                .param("tenant", tenantId, java.sql.Types.VARCHAR)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("status", status, java.sql.Types.VARCHAR)
                .param("kind", kind, java.sql.Types.VARCHAR)
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
                   first_seen_at, last_seen_at, kind
            FROM crm_sync.sync_errors""";

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant(),
                rs.getString(12));
    }
}
