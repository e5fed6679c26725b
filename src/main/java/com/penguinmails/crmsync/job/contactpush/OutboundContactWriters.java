package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.DryRunReport;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ListMembershipStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Builds the outbound contact writer of a partition's connection, for whichever job pushes contacts (contact-sync's
 * outbound step, lead-score's push): the connection's stores, target, field maps, person objects and connector.
 */
@Component
public class OutboundContactWriters {

    private final ContactStores stores;
    private final Connectors connectors;
    private final ConnectionStore connections;
    private final ConnectionFieldMaps fieldMaps;
    private final CrmProviders crms;
    private final ListMembershipStore lists;

    public OutboundContactWriters(RecordLinkStore links, ContactSyncStore contacts, SyncErrorStore errors,
                                  SyncAuditStore audit, ContactChangeStore changes, Connectors connectors,
                                  ConnectionStore connections, ConnectionFieldMaps fieldMaps, CrmProviders crms,
                                  ListMembershipStore lists) {
        this.lists = lists;
        this.stores = new ContactStores(links, contacts, errors, audit, changes);
        this.connectors = connectors;
        this.connections = connections;
        this.fieldMaps = fieldMaps;
        this.crms = crms;
    }

    /**
     * The writer of the connection {@code step}'s partition works on.
     *
     * @param maps        the field maps it writes by, from the connection's (e.g. cut down to one field)
     * @param createInCrm whether contacts not in the CRM yet may be created there; those the connection's
     *                    {@link CreationRule} names are
     * @throws InvalidRequestException when the connection no longer exists
     */
    public OutboundContactWriter forPartition(StepExecution step, String jobName, @Nullable DryRunReport dryRun,
                                              UnaryOperator<Map<ObjectType, FieldMap>> maps,
                                              Predicate<Connection> createInCrm) {
        long connectionId = step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        CrmDescription crm = crms.describe(connection.crm());
        return new OutboundContactWriter(stores, new ConnectionTarget(connectionId, connection.tenantId(), crm, jobName,
                step.getJobExecutionId(), step.getStepName(), dryRun), maps.apply(fieldMaps.forConnection(connection)),
                crm.personObjects(), connectors.open(connection), createInCrm.test(connection)
                        ? ids -> CreationRule.of(connection).creatable(connection.tenantId(), ids, lists)
                        : ids -> java.util.Set.of());
    }
}
