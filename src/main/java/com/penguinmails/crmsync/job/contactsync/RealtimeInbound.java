package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.job.support.ConnectionWideFailures;
import com.penguinmails.crmsync.job.support.RecordSafetyNet;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.store.CompanySyncStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.ListMembershipStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contact-sync's real-time entry point: applies the change notices of one connection (webhooks, change events) the
 * way the inbound step applies the CRM's change feed: the records named are read by id in one batch call per object
 * ({@link NoticeRecords}) and go, in one transaction, through the inbound step's own writer ({@link
 * InboundChangeWriter}: mapping, three-way merge, consent rules, lists and tags, companies, stores, audit, warnings)
 * inside the same {@link RecordSafetyNet} (a record that fails alone is dead-lettered, the others land). The caller
 * holds contact-sync's lock on the connection ({@code RunLocks.tryLease}).
 *
 * <p>What it writes is a run's, named {@value #STEP_NAME} with job execution {@value #NO_EXECUTION} (no job ran):
 * dead letters and warnings under job {@code contact-sync}, so the hourly run resolves them when the record syncs;
 * audit entries under that step. A CRM that refuses the connection's authorisation marks it {@code auth_failed}, as
 * a run's partition does. It never moves a watermark: the hourly run still reads everything the CRM's feed
 * holds after its own, so a notice missed, or a RESYNC (the CRM lost track of an object's changes), is converged by
 * the next run, which re-reads the object from that watermark.
 */
@Component
public class RealtimeInbound {

    /** The step name of what the real-time apply audits. */
    static final String STEP_NAME = "contactRealtimeInbound";
    /** The job execution id of what it records: none ran. */
    static final long NO_EXECUTION = 0;

    private final ConnectionStore connections;
    private final ConnectionRegistry registry;
    private final Connectors connectors;
    private final CrmProviders crms;
    private final ConnectionFieldMaps fieldMaps;
    private final ContactStores stores;
    private final ListAndCompanyStores more;
    private final PlatformTransactionManager transactionManager;

    public RealtimeInbound(ConnectionStore connections, ConnectionRegistry registry, Connectors connectors,
                           CrmProviders crms, ConnectionFieldMaps fieldMaps, RecordLinkStore links,
                           ContactSyncStore contacts,
                           SyncErrorStore errors, SyncAuditStore audit, ContactChangeStore changes,
                           ListMembershipStore lists, CompanySyncStore companies,
                           PlatformTransactionManager transactionManager) {
        this.connections = connections;
        this.registry = registry;
        this.connectors = connectors;
        this.crms = crms;
        this.fieldMaps = fieldMaps;
        this.stores = new ContactStores(links, contacts, errors, audit, changes);
        this.more = new ListAndCompanyStores(lists, companies);
        this.transactionManager = transactionManager;
    }

    /**
     * What applying a batch of notices did.
     *
     * @param upserted records read and applied
     * @param deleted  records deleted or merged away
     * @param failed   notices whose record went to the error table (not to be retried)
     * @param resynced objects whose change feed is to be read again (a RESYNC notice)
     */
    public record Outcome(int upserted, int deleted, int failed, int resynced) {
    }

    /**
     * Applies the notices of one connection, oldest first; a notice repeated, late or out of order converges to what
     * the CRM holds now.
     *
     * @throws RuntimeException when the connection as a whole fails (CRM down, auth, database): nothing of the batch
     *                          is to be taken as applied, the caller retries it later
     */
    public Outcome apply(long connectionId, List<CrmChangeNotice> notices) {
        Connection connection = connections.find(connectionId).filter(connections::syncable).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " does not exist, is not active or is "
                        + "paused for its API allocation"));
        try {
            return apply(connection, notices);
        } catch (RuntimeException e) {
            // as a run's partition does: later batches and runs skip it until it is authorised again
            ConnectionWideFailures.authRevoked(e).ifPresent(revoked ->
                    registry.markAuthFailed(connectionId, revoked.getMessage()));
            throw e;
        }
    }

    private Outcome apply(Connection connection, List<CrmChangeNotice> notices) {
        long connectionId = connection.id();
        CrmDescription crm = crms.describe(connection.crm());
        CrmConnector connector = connectors.open(connection);
        NoticeRecords.Plan plan = NoticeRecords.plan(notices, ContactSyncJobConfiguration.inboundObjects(crm, connection),
                connector::read);
        ConnectionTarget target = new ConnectionTarget(connectionId, connection.tenantId(), crm,
                ContactSyncJobConfiguration.JOB_NAME, NO_EXECUTION, STEP_NAME, null);
        InboundChangeWriter writer = InboundChangeWriter.of(stores, more, target,
                fieldMaps.forConnection(connection));
        List<String> keys = plan.records().stream().map(target::recordKey).distinct().toList();
        Set<String> failed = new HashSet<>(Objects.requireNonNull(new TransactionTemplate(transactionManager)
                .execute(status -> {
                    write(RecordSafetyNet.around(writer, transactionManager), plan.records());
                    plan.resync().forEach(type -> stores.audit().append(List.of(target.audit("resync_requested",
                            type, 1, Map.of("readByNextRun", true)))));
                    return stores.errors().erroredInThisTransaction(target.jobName(), target.tenantId(),
                            connectionId, keys);
                })));
        int deleted = (int) plan.records().stream()
                .filter(r -> r.deleted() && !failed.contains(target.recordKey(r))).count();
        int upserted = (int) plan.records().stream()
                .filter(r -> !r.deleted() && !failed.contains(target.recordKey(r))).count();
        return new Outcome(upserted, deleted, failed.size(), plan.resync().size());
    }

    private static void write(RecordSafetyNet<CrmRecord> net, List<CrmRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            net.write(new Chunk<>(records));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("applying " + records.size() + " CRM records failed: " + e.getMessage(), e);
        }
    }
}
