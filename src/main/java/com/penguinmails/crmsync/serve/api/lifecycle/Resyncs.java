package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Resync now: a contact-sync run of one connection (a backfill of both directions from {@code since} when given, as
 * {@code backfill --since} runs it), launched by the service in the background through {@link JobRunner}, so it takes
 * the connection's lock like any run. Refused (409) while a run of contact-sync holds the connection, or while a
 * resync this service started for it is still going.
 */
@Component
@ConditionalOnServe
public class Resyncs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Resyncs.class);

    private final JobRunner runner;
    private final RunLocks runLocks;
    private final SyncAuditStore audit;
    private final Set<Long> going = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newCachedThreadPool(
            new org.springframework.scheduling.concurrent.CustomizableThreadFactory("resync-"));

    Resyncs(JobRunner runner, RunLocks runLocks, SyncAuditStore audit) {
        this.runner = runner;
        this.runLocks = runLocks;
        this.audit = audit;
    }

    /**
     * What a resync started.
     *
     * @param backfill {@code both} when it is a backfill from {@code since}; null for a regular run
     */
    public record Started(long connectionId, String job, @Nullable String backfill, @Nullable Instant since,
                   Instant requestedAt) {
    }

    /**
     * Starts the run in the background and audits the request.
     *
     * @throws ApiProblem.Conflict when the connection is not active, or a run already holds it
     */
    public Started start(Actor actor, Connection connection, @Nullable Instant since) {
        if (!connection.active()) {
            throw new ApiProblem.Conflict("connection " + connection.id() + " is " + connection.status().dbValue()
                    + "; activate it before resyncing it");
        }
        String job = ContactSyncJobConfiguration.JOB_NAME;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (!going.add(connection.id())) {
            throw new ApiProblem.Conflict("a resync of connection " + connection.id() + " is already running; "
                    + "wait for it to end");
        }
        try {
            var holders = runLocks.holders(job, List.of(LockTarget.connection(connection.id())));
            holders.values().removeIf(RunLocks.Holder::service);
            if (!holders.isEmpty()) {
                throw new ApiProblem.Conflict("a run of " + job + " is already syncing connection " + connection.id()
                        + " (" + holders.values().iterator().next() + "); wait for it to end");
            }
            String backfill = since == null ? null : "both";
            RunParameters parameters = new RunParameters(List.of(), List.of(connection.id()), Shard.ALL, 1, now,
                    backfill, false, since);
            audit.recordChange(actor, connection.tenantId(), connection.id(), "connection.resync-requested",
                    since == null ? Map.of() : Map.of("since", since.toString()));
            executor.execute(() -> run(connection.id(), job, parameters));
            return new Started(connection.id(), job, backfill, since, now);
        } catch (RuntimeException e) {
            going.remove(connection.id());
            throw e;
        }
    }

    private void run(long connectionId, String job, RunParameters parameters) {
        try {
            var execution = runner.run(job, parameters);
            log.info("resync of connection {}: execution {} of {} ended {}", connectionId, execution.getId(), job,
                    execution.getStatus());
        } catch (RuntimeException e) {
            log.warn("resync of connection {}: {} was not run: {}", connectionId, job, e.getMessage());
        } finally {
            going.remove(connectionId);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
