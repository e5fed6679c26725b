package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SyncDirection;
import com.penguinmails.crmsync.job.support.ApiUsageListener;
import com.penguinmails.crmsync.job.support.MicroBatchRunner;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The real-time entry point of a job's contact push (contact-sync's outbound step; its bean is made by that job's
 * configuration): pushes one connection's changed PenguinMails contacts to its CRM at once, as a run's outbound
 * partition of the connection would (the same {@link ContactChangeReader}, {@link OutboundContactWriter}, link hashes
 * and {@link OutboundWatermarkListener}), in micro-batches, each in one transaction. The range is the job's: from the
 * connection's watermark up to the change log's horizon now; when the push completes, the watermark moves to the
 * horizon's settled point as a run's would, so the next run finds nothing left. Contacts are created in the CRM as the
 * run's writer creates them ({@code createContactsInCrm}); what stays the job's: a connection's first outbound run
 * (no watermark yet, the service does not push it: its inbound step links the CRM's people first, so none is created
 * twice) and the scan of every unlinked contact. The caller holds the job's lock on the connection
 * ({@code RunLocks.tryLease}).
 */
public class RealtimeContactPush {

    /** The step name the service's pushes write in audit rows. */
    static final String STEP_NAME = "contactOutboundRealtime";

    /**
     * Which job's push this is.
     *
     * @param jobName     the job whose lock, dead letters and audit the push uses
     * @param stream      its outbound watermark stream
     * @param createInCrm whether a connection creates contacts its CRM does not hold yet
     */
    public record Job(String jobName, String stream, Predicate<Connection> createInCrm) {
    }

    private final Job job;
    private final ConnectionStore connections;
    private final WatermarkStore watermarks;
    private final ContactChangeStore changes;
    private final OutboundContactWriters writers;
    private final MicroBatchRunner runner;
    private final ApiUsageListener apiUsage;

    public RealtimeContactPush(Job job, ConnectionStore connections, WatermarkStore watermarks,
                               ContactChangeStore changes, OutboundContactWriters writers, MicroBatchRunner runner,
                               ApiUsageListener apiUsage) {
        this.job = job;
        this.connections = connections;
        this.watermarks = watermarks;
        this.changes = changes;
        this.writers = writers;
        this.runner = runner;
        this.apiUsage = apiUsage;
    }

    /** The job whose push this is. */
    public Job job() {
        return job;
    }

    /**
     * Pushes what is pending for the connection.
     *
     * @param microBatchSize contacts per chunk
     * @param stopping       asked after each chunk: true ends the push there, its watermark unmoved
     * @return what it did; nothing for a connection that is not active or has not had its first outbound run
     * @throws Exception a failure of the connection as a whole (CRM down, auth, database): nothing is lost, the
     *                   next push or run reads the range again
     */
    public MicroBatchRunner.Outcome push(long connectionId, int microBatchSize, BooleanSupplier stopping)
            throws Exception {
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        Optional<Long> position = watermarks.position(connection.tenantId(), connectionId, job.stream())
                .map(Long::parseLong);
        if (!connections.syncable(connection) || position.isEmpty()
                || !SyncDirection.of(connection.settings()).outbound()) {
            return new MicroBatchRunner.Outcome(0, 0, true);
        }
        var partition = MicroBatchRunner.partition(job.jobName(), STEP_NAME, connection);
        OutboundRange range = new OutboundRange(position.get(), changes.horizon(), false);
        range.put(partition.getExecutionContext());
        return runner.run(partition, microBatchSize,
                range.reader(changes, connection.tenantId(), connectionId, microBatchSize),
                writers.forPartition(partition, job.jobName(), null, maps -> maps, job.createInCrm()), stopping,
                apiUsage, new OutboundWatermarkListener(watermarks, job.stream()));
    }

    /**
     * The connections with marks past their watermark that the push would read (that had their first outbound run),
     * but for contacts waiting for the next run's retry: the service's sweep.
     */
    public List<Long> pending() {
        return changes.connectionsWithPendingMarks(job.stream(), job.jobName());
    }
}
