package com.penguinmails.crmsync.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The {@link SyncHealth} read model over PostgreSQL: each view is one reader's set-based SQL. */
@Service
class JdbcSyncHealth implements SyncHealth {

    private final ConnectionHealthReader connections;
    private final ErrorGroupReader errors;
    private final AuditLogReader audit;
    private final ActivityReader activity;

    JdbcSyncHealth(ConnectionHealthReader connections, ErrorGroupReader errors, AuditLogReader audit,
                   ActivityReader activity) {
        this.connections = connections;
        this.errors = errors;
        this.audit = audit;
        this.activity = activity;
    }

    @Override
    public List<ConnectionHealth> connections(List<String> tenants) {
        return connections.read(tenants, null);
    }

    @Override
    public Optional<ConnectionHealth> connection(long connectionId) {
        return connections.read(List.of(), connectionId).stream().findFirst();
    }

    @Override
    public List<ErrorGroup> errorGroups(long connectionId) {
        return errors.read(connectionId);
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        return audit.read(query);
    }

    @Override
    public List<ActivityPoint> activity(long connectionId, Duration window, Duration bucket) {
        return activity.read(connectionId, window, bucket);
    }
}
