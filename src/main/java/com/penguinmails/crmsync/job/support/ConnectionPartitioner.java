package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per active CRM connection of the run's tenants in its shard (a tenant's connections all fall in the
 * tenant's shard), or of the connections the run names. Each partition's context holds {@value #CONNECTION_ID},
 * {@value #TENANT_ID} and {@value #CRM}.
 */
public class ConnectionPartitioner implements Partitioner {

    public static final String CONNECTION_ID = "connectionId";
    public static final String TENANT_ID = TenantPartitioner.TENANT_ID;
    public static final String CRM = "crm";

    private final ConnectionStore connections;
    private final RunParameters run;
    private final java.util.function.BiConsumer<Connection, ExecutionContext> boundaries;

    private final boolean enabled;
    private final java.util.function.Predicate<Connection> due;
    private java.util.function.Predicate<Connection> takes = connection -> true;

    public ConnectionPartitioner(ConnectionStore connections, RunParameters run) {
        this(connections, run, (connection, context) -> { }, true);
    }

    /**
     * @param boundaries fixes what each partition covers when the step starts (restarts reuse it)
     * @param enabled    false makes no partitions (a step this run skips, e.g. outbound in an inbound backfill)
     */
    public ConnectionPartitioner(ConnectionStore connections, RunParameters run,
                                 java.util.function.BiConsumer<Connection, ExecutionContext> boundaries,
                                 boolean enabled) {
        this(connections, run, boundaries, enabled, connection -> true);
    }

    private ConnectionPartitioner(ConnectionStore connections, RunParameters run,
                                  java.util.function.BiConsumer<Connection, ExecutionContext> boundaries,
                                  boolean enabled, java.util.function.Predicate<Connection> due) {
        this.due = due;
        this.connections = connections;
        this.run = run;
        this.boundaries = boundaries;
        this.enabled = enabled;
    }

    /**
     * Leaves out of the partitions the connections {@code takes} refuses (e.g. the outbound steps of a connection set
     * to sync inbound only, see {@link com.penguinmails.crmsync.core.SyncDirection}); this partitioner, for chaining.
     */
    public ConnectionPartitioner onlyWhere(java.util.function.Predicate<Connection> takes) {
        this.takes = takes;
        return this;
    }

    /** Partitions only the connections that write to their CRM (direction {@code both} or {@code outbound}). */
    public ConnectionPartitioner outboundOnly() {
        return onlyWhere(connection -> com.penguinmails.crmsync.core.SyncDirection.of(connection.settings())
                .outbound());
    }

    /**
     * This partitioner, leaving out of a scheduled run ({@link RunParameters#due()}) the connections that are not due
     * for {@code jobName} at the run's {@code asOf}; a run without {@code due} keeps them all.
     */
    public ConnectionPartitioner onlyDue(DueConnections dueConnections, String jobName) {
        if (!run.due()) {
            return this;
        }
        ConnectionPartitioner scheduled = new ConnectionPartitioner(connections, run, boundaries, enabled,
                connection -> dueConnections.notDue(jobName, java.util.List.of(connection), run.asOf()).isEmpty());
        scheduled.takes = takes;
        return scheduled;
    }

    public static String partitionName(long connectionId) {
        return "connection-" + connectionId;
    }

    /** A partition's context of {@code connection} before its boundaries: its connection, tenant and CRM. */
    public static ExecutionContext context(Connection connection) {
        ExecutionContext context = new ExecutionContext();
        context.putLong(CONNECTION_ID, connection.id());
        context.putString(TENANT_ID, connection.tenantId());
        context.putString(CRM, connection.crm().id());
        return context;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (!enabled) {
            return partitions;
        }
        for (Connection connection : selected()) {
            if (!takes.test(connection)) {
                continue;
            }
            ExecutionContext context = context(connection);
            boundaries.accept(connection, context);
            partitions.put(partitionName(connection.id()), context);
        }
        return partitions;
    }

    /** The connections the run covers now: active, of its tenants (or the ones it names), in its shard. */
    public java.util.List<Connection> selected() {
        return connections.active(run.tenants(), run.connections()).stream()
                .filter(connection -> run.shard().contains(connection.tenantId()))
                .filter(due)
                .toList();
    }
}
