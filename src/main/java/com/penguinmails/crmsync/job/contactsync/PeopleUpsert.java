package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundContactMerge;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.job.contactpush.ProblemTally;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.store.ContactSyncStore.ContactWrite;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes what the inbound writer decided for a chunk's CRM people, in the chunk's transaction and a few statements:
 * moves changed addresses, upserts the contacts (tags and company included), writes the links with their new field
 * hashes, puts the contacts on the connection's static list and their tag segments, records the dead letters and
 * warnings (and resolves those that now sync clean), marks contacts whose PenguinMails value won for the outbound
 * step, and audits conflicts and the chunk.
 */
final class PeopleUpsert {

    private final ContactStores stores;
    private final ListAndCompanyStores more;
    private final ConnectionTarget target;

    PeopleUpsert(ContactStores stores, ListAndCompanyStores more, ConnectionTarget target) {
        this.stores = stores;
        this.more = more;
        this.target = target;
    }

    /** @param read how many live records of {@code type} the chunk held (audit) */
    void write(ObjectType type, FieldMap map, int read, PeopleDecisions decisions) {
        List<PeopleDecisions.Decided> decided = decisions.decided();
        List<SyncError> errors = decisions.errors();
        Map<Long, String> addressChanges = decisions.addressChanges();
        Map<String, ContactWrite> writes = new LinkedHashMap<>();
        for (PeopleDecisions.Decided d : decided) {
            if (d.decision().changesPenguinMails() || d.current() == null) {
                writes.put(d.email(), write(d.decision().values()));
            }
        }
        // addresses first, so the upsert by e-mail finds each moved contact under its new address
        stores.contacts().changeAddresses(target.tenantId(), addressChanges);
        Map<String, Long> ids = stores.contacts().upsert(target.tenantId(), List.copyOf(writes.values()));
        List<RecordLink> newLinks = new ArrayList<>();
        List<Long> pmWon = new ArrayList<>();
        Set<Long> contactIds = new LinkedHashSet<>();
        List<SyncAuditStore.Entry> audit = new ArrayList<>(decisions.addressConflicts());
        if (!addressChanges.isEmpty()) {
            // the bounce went with the old address: the outbound step clears what the CRM shows of it
            stores.changes().markChanged(target.tenantId(), addressChanges.keySet(), "address_changed");
            audit.add(target.audit("address_changed", type, addressChanges.size(),
                    Map.of("contactIds", List.copyOf(addressChanges.keySet()))));
        }
        for (PeopleDecisions.Decided d : decided) {
            long pmId = d.current() != null ? d.current().id() : Objects.requireNonNull(ids.get(d.email()));
            contactIds.add(pmId);
            newLinks.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(d.record().crmId()),
                    "contact", pmId, d.decision().fieldHashes(), d.record().modifiedAt(), null, null));
            if (d.decision().penguinMailsWonAField()) {
                pmWon.add(pmId);
            }
            if (!d.decision().conflicts().isEmpty()) {
                audit.add(target.audit("conflict", type, 1, Map.of("crmId", d.record().crmId(), "contactId", pmId,
                        "fields", d.decision().conflicts())));
            }
        }
        stores.links().upsert(newLinks);
        int listed = more.lists().add(more.lists().staticList(target.tenantId(), target.connectionListName()),
                contactIds);
        int segmentChanges = more.lists().syncTagSegments(target.tenantId(), contactIds);
        stores.errors().record(errors);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().map(d -> target.recordKey(d.record())).toList());
        stores.errors().resolveWarnings(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().collect(java.util.stream.Collectors.toMap(d -> target.recordKey(d.record()),
                        d -> RecordProblems.cleanFields(map, d.record(), d.decision()), (a, b) -> b)));
        stores.changes().markChanged(target.tenantId(), pmWon, "conflict");
        audit.add(target.audit("inbound", type, read, Map.of("written", writes.size(),
                "errors", ProblemTally.count(errors, SyncError.Kind.ERROR),
                "warnings", ProblemTally.count(errors, SyncError.Kind.WARNING),
                "linked", newLinks.size(), "listed", listed, "segmentChanges", segmentChanges,
                "skippedDeletedInPenguinMails", decisions.skippedDeleted().size())));
        stores.audit().append(audit);
    }

    private static ContactWrite write(Map<String, @Nullable Object> values) {
        Map<String, @Nullable Object> custom = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("custom.")) {
                custom.put(k.substring("custom.".length()), v);
            }
        });
        Object tags = InboundContactMerge.sortedTags(values.get("tags"));
        Object company = values.get("company_id");
        return new ContactWrite(String.valueOf(values.get("email")), text(values, "first_name"),
                text(values, "last_name"), text(values, "phone"), text(values, "job_title"),
                Boolean.TRUE.equals(values.get("unsubscribed")), custom,
                tags instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
                company instanceof Number n ? n.longValue() : null);
    }

    private static @Nullable String text(Map<String, @Nullable Object> values, String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }
}
