package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditEntry;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditPage;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of {@code crm_sync.sync_audit}, newest first ({@code recorded_at}, then id), narrowed by tenants, connection,
 * action prefix, actor ({@code people}: every change a person made, i.e. an actor that is not {@code system:...}) and
 * a time range ({@code from} inclusive, {@code to} exclusive), with the count of all matching rows.
 */
@Component
class AuditLogReader {

    static final int MAX_SIZE = 200;
    /** The {@link AuditQuery#actor} that selects every change made by a person (user, operator, CLI). */
    static final String PEOPLE = "people";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };
    private static final String WHERE = """
             FROM crm_sync.sync_audit
            WHERE (cardinality(CAST(:tenants AS text[])) = 0 OR tenant_id = ANY(CAST(:tenants AS text[])))
              AND (CAST(:connection AS bigint) IS NULL OR connection_id = :connection)
              AND (CAST(:action AS text) IS NULL OR starts_with(action, :action))
              AND (CAST(:actor AS text) IS NULL
                   OR (:actor = 'people' AND actor IS NOT NULL AND actor NOT LIKE 'system:%')
                   OR actor = :actor)
              AND (CAST(:from AS timestamptz) IS NULL OR recorded_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR recorded_at < :to)""";

    private final JdbcClient jdbc;

    AuditLogReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AuditPage read(AuditQuery query) {
        if (query.page() < 0) {
            throw new InvalidRequestException("page: " + query.page() + " is below 0");
        }
        if (query.size() < 1 || query.size() > MAX_SIZE) {
            throw new InvalidRequestException("size: " + query.size() + " is not between 1 and " + MAX_SIZE);
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidRequestException("from: " + query.from() + " is not before to (" + query.to() + ")");
        }
        long total = bind(jdbc.sql("SELECT count(*)" + WHERE), query).query(Long.class).single();
        List<AuditEntry> entries = bind(jdbc.sql("""
                        SELECT id, recorded_at, tenant_id, connection_id, actor, job_name, job_execution_id, action,
                               object_type, record_count, details::text""" + WHERE
                        + " ORDER BY recorded_at DESC, id DESC LIMIT :size OFFSET :offset"), query)
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(AuditLogReader::entry)
                .list();
        return new AuditPage(entries, query.page(), query.size(), total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, AuditQuery query) {
        return sql.param("tenants", query.tenants().toArray(String[]::new))
                .param("connection", query.connectionId(), Types.BIGINT)
                .param("action", blankToNull(query.action()), Types.VARCHAR)
                .param("actor", blankToNull(query.actor()), Types.VARCHAR)
                .param("from", query.from() == null ? null : query.from().atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .param("to", query.to() == null ? null : query.to().atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("tenant_id"), rs.getObject("connection_id", Long.class), rs.getString("actor"),
                rs.getString("job_name"), rs.getObject("job_execution_id", Long.class), rs.getString("action"),
                rs.getString("object_type"), rs.getInt("record_count"),
                JSON.readValue(rs.getString("details"), DETAILS));
    }
}
