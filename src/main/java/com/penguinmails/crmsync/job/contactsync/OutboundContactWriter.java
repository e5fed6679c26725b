package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.store.ContactChangeStore.Change;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of changed PenguinMails contacts to the CRM: for each linked contact only the outbound fields that
 * changed since the last sync, as one bulk upsert per object type (the connector picks batch or bulk API); contacts
 * not yet in the CRM are created there only when the connection's {@code createContactsInCrm} setting says so, keyed
 * by their PenguinMails id so a replay finds them instead of duplicating them. Successes update the links' hashes;
 * refusals are dead-lettered and marked changed again, so every run retries them until they sync.
 */
public class OutboundContactWriter implements ItemWriter<Change> {

    private final InboundContactWriter.Stores stores;
    private final InboundContactWriter.Target target;
    private final Map<ObjectType, FieldMap> maps;
    private final List<ObjectType> personObjects;
    private final CrmConnector connector;
    private final boolean createInCrm;

    public OutboundContactWriter(InboundContactWriter.Stores stores, InboundContactWriter.Target target,
                                 Map<ObjectType, FieldMap> maps, List<ObjectType> personObjects,
                                 CrmConnector connector, boolean createInCrm) {
        this.stores = stores;
        this.target = target;
        this.maps = maps;
        this.personObjects = List.copyOf(personObjects);
        this.connector = connector;
        this.createInCrm = createInCrm;
    }

    private record Pending(PmContact contact, ObjectType type, CrmRecord record,
                           OutboundContactMerge.Outbound outbound, RecordLink link) {
    }

    @Override
    public void write(Chunk<? extends Change> chunk) {
        List<Long> ids = chunk.getItems().stream().map(Change::contactId).distinct().toList();
        Map<Long, PmContact> contacts = stores.contacts().findByIds(target.tenantId(), ids);
        Map<Long, RecordLink> links = new LinkedHashMap<>();
        for (ObjectType type : personObjects) {
            stores.links().findLiveByPmIds(target.connectionId(), type, "contact", ids).forEach(links::putIfAbsent);
        }
        Map<ObjectType, List<Pending>> byType = new LinkedHashMap<>();
        List<SyncError> errors = new ArrayList<>();
        for (PmContact contact : contacts.values()) {
            RecordLink link = links.get(contact.id());
            if (link == null && !createInCrm) {
                continue;
            }
            ObjectType type = link != null ? link.objectType() : ObjectType.CONTACT;
            FieldMap map = Objects.requireNonNull(maps.get(type), () -> "no field map for " + type);
            OutboundContactMerge.Outbound outbound = OutboundContactMerge.decide(map, contact, link);
            outbound.problems().forEach((field, reason) -> errors.add(error(contact, field, field + " " + reason)));
            if (outbound.crmFields().isEmpty()) {
                continue;
            }
            CrmRecord record = CrmRecord.toWrite(type, link == null ? null : link.crmId(),
                    Long.toString(contact.id()), outbound.crmFields());
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(new Pending(contact, type, record, outbound, link));
        }
        if (target.dryRun() != null) {
            byType.forEach((type, pending) -> {
                target.dryRun().add(target.jobExecutionId(), target.connectionName(), type.name(), "create in crm",
                        pending.stream().filter(p -> p.link() == null).map(p -> recordKey(p.contact())).toList());
                target.dryRun().add(target.jobExecutionId(), target.connectionName(), type.name(), "update in crm",
                        pending.stream().filter(p -> p.link() != null).map(p -> recordKey(p.contact())).toList());
            });
            return;
        }
        List<RecordLink> written = new ArrayList<>();
        List<String> synced = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        byType.forEach((type, pending) -> {
            List<WriteResult> results = connector.upsert(type, pending.stream().map(Pending::record).toList());
            for (WriteResult result : results) {
                Pending p = pending.get(result.index());
                if (result.success()) {
                    written.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(result.crmId()),
                            "contact", p.contact().id(), p.outbound().hashes(),
                            p.link() == null ? null : p.link().crmModifiedAt(), null, null));
                    synced.add(recordKey(p.contact()));
                } else {
                    errors.add(error(p.contact(), result.fields().isEmpty() ? null : String.join(",", result.fields()),
                            result.error() + ": " + result.message()));
                    refused.add(p.contact().id());
                }
            }
        });
        stores.links().upsert(written);
        stores.errors().record(errors);
        // marked again with a newer change number, so the next run retries them (the dead letter counts attempts)
        stores.changes().markChanged(target.tenantId(), refused, "retry");
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(), synced);
        stores.audit().append(List.of(new SyncAuditStore.Entry(target.tenantId(), target.connectionId(),
                target.jobName(), target.jobExecutionId(), target.stepName(), "outbound", "CONTACT", written.size(),
                Map.of("written", written.size(), "errors", errors.size(), "read", contacts.size()))));
    }

    private SyncError error(PmContact contact, @org.jspecify.annotations.Nullable String field, String reason) {
        return new SyncError(target.tenantId(), target.connectionId(), target.jobName(), target.jobExecutionId(),
                recordKey(contact), field, reason, null);
    }

    private static String recordKey(PmContact contact) {
        return "penguinmails:contact:" + contact.id();
    }
}
