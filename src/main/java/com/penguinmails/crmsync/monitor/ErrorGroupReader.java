package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.monitor.SyncHealth.ErrorExample;
import com.penguinmails.crmsync.monitor.SyncHealth.ErrorGroup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A connection's open errors and warnings grouped by their category ({@code sync_errors.category}, V19) and kind,
 * largest group first, each with its {@value #EXAMPLES} most recently seen examples (never the payload).
 */
@Component
class ErrorGroupReader {

    static final int EXAMPLES = 5;

    private final JdbcClient jdbc;

    ErrorGroupReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Group(String reason, String kind, long count, Instant firstSeen, Instant lastSeen,
                         List<Long> exampleIds) {
    }

    List<ErrorGroup> read(long connectionId) {
        List<Group> groups = jdbc.sql("""
                        SELECT category, kind, count(*), min(first_seen_at), max(last_seen_at),
                               array_agg(id ORDER BY recent) FILTER (WHERE recent <= :examples)
                        FROM (SELECT id, category, kind, first_seen_at, last_seen_at,
                                     row_number() OVER (PARTITION BY category, kind
                                                        ORDER BY last_seen_at DESC, id DESC) AS recent
                              FROM crm_sync.sync_errors
                              WHERE connection_id = :connection AND status = 'open') e
                        GROUP BY category, kind
                        ORDER BY count(*) DESC, category, kind""")
                .param("examples", EXAMPLES)
                .param("connection", connectionId)
                .query((rs, n) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4),
                        instant(rs, 5), Arrays.asList((Long[]) rs.getArray(6).getArray())))
                .list();
        Map<Long, ErrorExample> examples = jdbc.sql("""
                        SELECT id, job_name, record_key, field, reason, attempts, last_seen_at
                        FROM crm_sync.sync_errors WHERE id = ANY(CAST(:ids AS bigint[]))""")
                .param("ids", groups.stream().flatMap(g -> g.exampleIds().stream()).toArray(Long[]::new))
                .query((rs, n) -> new ErrorExample(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), instant(rs, 7)))
                .list().stream().collect(Collectors.toMap(ErrorExample::id, Function.identity()));
        return groups.stream().map(g -> new ErrorGroup(g.reason(), g.kind(), g.count(), g.firstSeen(), g.lastSeen(),
                g.exampleIds().stream().map(examples::get).toList())).toList();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
