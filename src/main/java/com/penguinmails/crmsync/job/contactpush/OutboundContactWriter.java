package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.conflict.OutboundContactMerge;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.job.support.NarrowableWriter;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.store.ContactChangeStore.Change;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Writes a chunk of changed PenguinMails contacts to the CRM: for each linked contact only the outbound fields that
 * changed since the last sync, as one bulk upsert per object type (the connector picks batch or bulk API); contacts
 * not yet in the CRM are created there only when the connection's {@code createContactsInCrm} setting says so, keyed
 * by their PenguinMails id so a replay finds them instead of duplicating them. Successes update the links' hashes;
 * refusals are dead-lettered and marked changed again, so every run retries them until they sync. A record the CRM
 * wrote without some fields (one it does not have any more) is linked with the rest, and those fields are
 * dead-lettered and retried. Values left out, cleaned or cut on the way are warnings of their field, resolved when
 * the field reaches the CRM as it is. A contact that fails alone (see
 * {@link com.penguinmails.crmsync.job.support.RecordSafetyNet}) is dead-lettered and marked changed again, as a
 * refusal is; writing part of a chunk again updates by CRM id or creates by external id, so it makes no duplicate.
 */
public class OutboundContactWriter implements NarrowableWriter<Change> {

    private final ContactStores stores;
    private final ConnectionTarget target;
    private final Map<ObjectType, FieldMap> maps;
    private final List<ObjectType> personObjects;
    private final CrmConnector connector;
    private final Function<Collection<Long>, Set<Long>> creatable;

    /**
     * @param creatable of a chunk's contact ids, those that may be created in the CRM when it has no record of them
     *                  (see {@link CreationRule})
     */
    public OutboundContactWriter(ContactStores stores, ConnectionTarget target,
                                 Map<ObjectType, FieldMap> maps, List<ObjectType> personObjects,
                                 CrmConnector connector, Function<Collection<Long>, Set<Long>> creatable) {
        this.stores = stores;
        this.target = target;
        this.maps = maps;
        this.personObjects = List.copyOf(personObjects);
        this.connector = connector;
        this.creatable = creatable;
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
        Set<Long> creatableIds = creatable.apply(contacts.keySet().stream().filter(id -> !links.containsKey(id))
                .toList());
        Map<ObjectType, List<Pending>> byType = new LinkedHashMap<>();
        List<SyncError> errors = new ArrayList<>();
        List<String> inSync = new ArrayList<>();
        for (PmContact contact : contacts.values()) {
            RecordLink link = links.get(contact.id());
            if (link == null && !creatableIds.contains(contact.id())) {
                continue;
            }
            ObjectType type = link != null ? link.objectType() : ObjectType.CONTACT;
            FieldMap map = Objects.requireNonNull(maps.get(type), () -> "no field map for " + type);
            OutboundContactMerge.Outbound outbound = OutboundContactMerge.decide(map, contact, link);
            // the record goes without these values, or with them cut or cleaned: warnings, open until they sync
            outbound.problems().forEach((field, reason) -> errors.add(error(contact, field, field + " " + reason)
                    .asWarning()));
            outbound.cleaned().forEach((field, reason) -> errors.add(error(contact, field, field + " " + reason)
                    .asWarning()));
            if (outbound.crmFields().isEmpty()) {
                if (link != null && outbound.problems().isEmpty()) {
                    inSync.add(recordKey(contact)); // the CRM already holds its values (an earlier retry, an echo)
                }
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
        List<String> synced = new ArrayList<>(inSync);
        List<Long> refused = new ArrayList<>();
        Map<String, List<String>> cleanFields = new LinkedHashMap<>();
        byType.forEach((type, pending) -> {
            List<WriteResult> results = connector.upsert(type, pending.stream().map(Pending::record).toList());
            for (WriteResult result : results) {
                Pending p = pending.get(result.index());
                if (result.success()) {
                    written.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(result.crmId()),
                            "contact", p.contact().id(), p.outbound().hashesAfterWrite(result.droppedFields()),
                            p.link() == null ? null : p.link().crmModifiedAt(), null, null));
                    cleanFields.put(recordKey(p.contact()), cleanFields(p.outbound(), result.droppedFields()));
                    if (result.droppedFields().isEmpty()) {
                        synced.add(recordKey(p.contact()));
                    } else { // written without fields the CRM refused: those are dead-lettered and retried
                        errors.add(error(p.contact(), String.join(",", result.droppedFields()),
                                String.join(",", result.droppedFields()) + " not written: " + result.message()));
                        refused.add(p.contact().id());
                    }
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
        stores.changes().markForRetry(target.tenantId(), refused);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(), synced);
        stores.errors().resolveWarnings(target.jobName(), target.tenantId(), target.connectionId(), cleanFields);
        stores.audit().append(List.of(new SyncAuditStore.Entry(target.tenantId(), target.connectionId(),
                target.jobName(), target.jobExecutionId(), target.stepName(), "outbound", "CONTACT", written.size(),
                Map.of("written", written.size(), "errors", ProblemTally.count(errors, SyncError.Kind.ERROR),
                        "warnings", ProblemTally.count(errors, SyncError.Kind.WARNING), "read", contacts.size()))));
    }

    @Override
    public void deadLetter(Change change, String reason) {
        String key = recordKey(change.contactId());
        if (target.dryRun() != null) {
            target.dryRun().add(target.jobExecutionId(), target.connectionName(), ObjectType.CONTACT.name(), "error",
                    List.of(key));
            return;
        }
        stores.errors().record(List.of(new SyncError(target.tenantId(), target.connectionId(), target.jobName(),
                target.jobExecutionId(), key, null, "could not be written: " + reason, null)));
        // marked again with a newer change number, so the next run retries it
        stores.changes().markForRetry(target.tenantId(), List.of(change.contactId()));
    }

    /** The PenguinMails fields that reached the CRM as they are: sent, not refused, not cut or cleaned. */
    private static List<String> cleanFields(OutboundContactMerge.Outbound outbound, List<String> droppedCrmFields) {
        return outbound.sent().entrySet().stream()
                .filter(e -> !droppedCrmFields.contains(e.getKey()) && !outbound.cleaned().containsKey(e.getValue()))
                .map(Map.Entry::getValue).distinct().toList();
    }

    private SyncError error(PmContact contact, @org.jspecify.annotations.Nullable String field, String reason) {
        return new SyncError(target.tenantId(), target.connectionId(), target.jobName(), target.jobExecutionId(),
                recordKey(contact), field, reason, null);
    }

    private static String recordKey(PmContact contact) {
        return recordKey(contact.id());
    }

    private static String recordKey(long contactId) {
        return "penguinmails:contact:" + contactId;
    }
}
