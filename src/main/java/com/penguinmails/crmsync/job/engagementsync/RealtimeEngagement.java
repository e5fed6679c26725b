package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SyncDirection;
import com.penguinmails.crmsync.job.support.ApiUsageListener;
import com.penguinmails.crmsync.job.support.MicroBatchRunner;
import com.penguinmails.crmsync.store.ActivityBacklogStore;
import com.penguinmails.crmsync.store.ActivityLinkStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.EmailHistoryStore;
import com.penguinmails.crmsync.store.EngagementStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * engagement-sync's real-time entry point: pushes the new engagement events of one connection to its CRM timeline at
 * once, as a run's partition of the connection would (the same reader, activity writer, activity keys and links,
 * dead letters and watermark listener), in micro-batches of e-mails, each in one transaction. The range is the
 * connection's watermark up to its tenant's newest event, reaching back to an event a notification named when that
 * event's transaction committed after a later one was pushed; when the push completes, the watermark moves to the end
 * of the range as a run's would, so the next run finds nothing left. What stays the CronJob's: a connection's first
 * run (no watermark yet: the service does not push it), the backlog of e-mails waiting for their contact or refused
 * (retried and expired by each run), and the late-commit window. The caller holds engagement-sync's lock on the
 * connection ({@code RunLocks.tryLease}).
 */
@Component
public class RealtimeEngagement {

    /** The step name the service's pushes write in audit rows. */
    static final String STEP_NAME = "engagementSyncRealtime";

    private final ConnectionStore connections;
    private final WatermarkStore watermarks;
    private final EngagementStore events;
    private final EmailHistoryStore histories;
    private final EngagementActivityWriter.Stores stores;
    private final Connectors connectors;
    private final CrmProviders crms;
    private final EngagementSyncProperties properties;
    private final MicroBatchRunner runner;
    private final ApiUsageListener apiUsage;

    public RealtimeEngagement(ConnectionStore connections, WatermarkStore watermarks, EngagementStore events,
                              EmailHistoryStore histories, RecordLinkStore links, ActivityLinkStore activityLinks,
                              ActivityBacklogStore backlog, SyncErrorStore errors, SyncAuditStore audit,
                              Connectors connectors, CrmProviders crms, EngagementSyncProperties properties,
                              MicroBatchRunner runner, ApiUsageListener engagementSyncApiUsageListener,
                              com.penguinmails.crmsync.metrics.SyncMetrics metrics) {
        this.connections = connections;
        this.watermarks = watermarks;
        this.events = events;
        this.histories = histories;
        this.stores = new EngagementActivityWriter.Stores(links, activityLinks, backlog, errors, audit,
                metrics);
        this.connectors = connectors;
        this.crms = crms;
        this.properties = properties;
        this.runner = runner;
        this.apiUsage = engagementSyncApiUsageListener;
    }

    /**
     * Pushes what is pending for the connection.
     *
     * @param reachBackTo    the smallest event id notified since the last push (0 for none): events from it on are
     *                       read again, at no CRM cost for those already logged
     * @param microBatchSize e-mails per chunk
     * @param stopping       asked after each chunk: true ends the push there, its watermark unmoved
     * @return what it did; nothing for a connection that is not active or has not had its first run
     * @throws Exception a failure of the connection as a whole (CRM down, auth, database): nothing is lost, the
     *                   next push or run reads the range again
     */
    public MicroBatchRunner.Outcome push(long connectionId, long reachBackTo, int microBatchSize,
                                         BooleanSupplier stopping) throws Exception {
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        Optional<Long> position = watermarks.position(connection.tenantId(), connectionId,
                EngagementWatermarkListener.STREAM).map(Long::parseLong);
        long to = events.maxEventId(connection.tenantId());
        long from = position.map(p -> reachBackTo > 0 ? Math.min(p, reachBackTo - 1) : p).orElse(to);
        if (!connections.syncable(connection) || from >= to || !SyncDirection.of(connection.settings()).outbound()) {
            return new MicroBatchRunner.Outcome(0, 0, true);
        }
        var partition = MicroBatchRunner.partition(EngagementSyncJobConfiguration.JOB_NAME, STEP_NAME, connection);
        var context = partition.getExecutionContext();
        context.putLong(EngagementWatermarkListener.FROM_EVENT_ID, from);
        context.putLong(EngagementWatermarkListener.TO_EVENT_ID, to);
        context.putLong(EngagementWatermarkListener.NOT_BEFORE, 0L);
        EmailHistoryReader.eventsOnly(context);
        EmailHistoryReader reader = new EmailHistoryReader(histories, stores.backlog(), connection.tenantId(),
                connectionId, from, to, Instant.EPOCH, properties.pageSize());
        return runner.run(partition, microBatchSize, reader, EngagementSyncJobConfiguration.writer(stores, connection,
                partition, crms, connectors), stopping, apiUsage, new EngagementWatermarkListener(watermarks));
    }

    /** The connections with events past their watermark (that had their first run): the service's sweep. */
    public List<Long> pending() {
        return events.connectionsWithNewEvents(EngagementWatermarkListener.STREAM);
    }
}
