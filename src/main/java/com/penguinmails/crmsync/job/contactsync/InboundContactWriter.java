package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.ContactSyncStore.ContactWrite;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of CRM people changes (contacts, leads) into PenguinMails, in the chunk's transaction and a few
 * statements in all: looks up the chunk's links, contacts and the companies they refer to, decides each record
 * ({@link InboundContactMerge}), upserts the contacts (tags and company included), writes the links with their new
 * field hashes, puts the contacts on the connection's static list and their tag segments, records conflicts in the
 * audit, dead-letters records that cannot sync (and resolves those that now do), and marks contacts whose PenguinMails
 * value won for the outbound step. Records the CRM deleted or merged close their links and leave the connection's
 * list; their contacts are soft-deleted when no other CRM record is linked to them (a merge first moves the loser's
 * list memberships to the survivor). Contacts deleted in PenguinMails are skipped, never brought back.
 */
public class InboundContactWriter implements ItemWriter<CrmRecord> {

    /**
     * Where the writer reports to, and which run it belongs to.
     *
     * @param dryRun when set, decisions go to this report and nothing is written to either side
     */
    public record Target(long connectionId, String tenantId, CrmDescription crm, String jobName, long jobExecutionId,
                         String stepName, com.penguinmails.crmsync.job.support.@Nullable DryRunReport dryRun) {

        String connectionName() {
            return "connection-" + connectionId;
        }

        /** The static list every contact imported through this connection is on. */
        String connectionListName() {
            return crm.displayName() + " contacts (connection " + connectionId + ")";
        }

        /** {@code <crm>:<object>:<crm id>}, the key dead letters and dry-run samples name a CRM record by. */
        String recordKey(CrmRecord record) {
            return recordKey(record.crmId(), record.type());
        }

        /** The key of the CRM record {@code crmId} of {@code type}, as {@link #recordKey(CrmRecord)} writes it. */
        String recordKey(@Nullable String crmId, ObjectType type) {
            return crm.kind().id() + ":" + type.name().toLowerCase(Locale.ROOT) + ":" + crmId;
        }

        SyncError error(CrmRecord record, FieldProblem problem) {
            return new SyncError(tenantId, connectionId, jobName, jobExecutionId, recordKey(record), problem.field(),
                    problem.field() + " " + problem.reason(), null);
        }

        SyncAuditStore.Entry audit(String action, ObjectType type, int count, Object details) {
            return new SyncAuditStore.Entry(tenantId, connectionId, jobName, jobExecutionId, stepName, action,
                    type.name(), count, details);
        }

        void report(ObjectType type, String action, List<String> keys) {
            Objects.requireNonNull(dryRun).add(jobExecutionId, connectionName(), type.name(), action, keys);
        }
    }

    /** The stores the writer uses. */
    public record Stores(RecordLinkStore links, ContactSyncStore contacts, SyncErrorStore errors,
                         SyncAuditStore audit, ContactChangeStore changes) {
    }

    private final Stores stores;
    private final ListAndCompanyStores more;
    private final Target target;
    private final Map<ObjectType, FieldMap> maps;

    public InboundContactWriter(Stores stores, ListAndCompanyStores more, Target target,
                                Map<ObjectType, FieldMap> maps) {
        this.stores = stores;
        this.more = more;
        this.target = target;
        this.maps = maps;
    }

    @Override
    public void write(Chunk<? extends CrmRecord> chunk) {
        Map<ObjectType, List<CrmRecord>> byType = new LinkedHashMap<>();
        chunk.getItems().forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
        byType.forEach(this::writeType);
    }

    private void writeType(ObjectType type, List<CrmRecord> records) {
        FieldMap map = Objects.requireNonNull(maps.get(type), () -> "no field map for " + type);
        Map<String, RecordLink> links = stores.links().findByCrmIds(target.connectionId(), type,
                records.stream().map(CrmRecord::crmId).filter(Objects::nonNull).toList());
        List<CrmRecord> live = records.stream().filter(r -> !r.deleted()).toList();
        List<CrmRecord> deleted = records.stream().filter(CrmRecord::deleted).toList();
        if (target.dryRun() != null) {
            List<String> closing = deleted.stream().filter(r -> links.containsKey(r.crmId()) && links.get(r.crmId())
                    .live()).map(target::recordKey).toList();
            target.report(type, "close link (CRM deleted)", closing);
            target.report(type, "remove from " + target.connectionListName(), closing);
        } else {
            deleteOrMerge(type, CrmDeletions.close(target, stores.links(), stores.audit(), type, deleted, links));
        }

        List<Long> linkedIds = live.stream().map(r -> links.get(r.crmId())).filter(l -> l != null && l.live())
                .map(RecordLink::pmId).toList();
        Map<Long, PmContact> linked = stores.contacts().findByIds(target.tenantId(), linkedIds);
        Map<String, String> emailOfUnlinked = new HashMap<>();
        Map<String, List<String>> addressesOfUnlinked = new HashMap<>();
        Map<String, String> newAddressOfLinked = new HashMap<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            if (link == null || !link.live() || !linked.containsKey(link.pmId())) {
                Object email = FieldMapper.inbound(map, r.fields()).values().get("email");
                if (email != null) {
                    emailOfUnlinked.put(r.crmId(), email.toString().toLowerCase(Locale.ROOT));
                }
                addressesOfUnlinked.put(r.crmId(), InboundContactMerge.addresses(map, r));
            } else {
                String address = InboundContactMerge.identity(map, r, link, linked.get(link.pmId()));
                if (!address.equalsIgnoreCase(linked.get(link.pmId()).email())) {
                    newAddressOfLinked.put(r.crmId(), address.toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> candidates = new LinkedHashSet<>(emailOfUnlinked.values());
        addressesOfUnlinked.values().forEach(candidates::addAll);
        Map<String, PmContact> byEmail = stores.contacts().findByEmails(target.tenantId(), candidates);
        Map<Long, RecordLink> linksOfEmailMatches = stores.links().findLiveByPmIds(target.connectionId(), type,
                "contact", byEmail.values().stream().map(PmContact::id).toList());
        // every address of a person is tried, the primary first: a contact holding any of them is the person's,
        // one not linked to another record of this connection first
        addressesOfUnlinked.forEach((crmId, addresses) -> addresses.stream().filter(byEmail::containsKey)
                .min(java.util.Comparator.comparing(a -> linkedElsewhere(linksOfEmailMatches.get(
                        byEmail.get(a).id()), crmId)))
                .ifPresent(address -> emailOfUnlinked.put(crmId, address)));
        Map<String, Long> holders = stores.contacts().holdersOf(target.tenantId(), newAddressOfLinked.values());
        Map<Long, RecordLink> linksOfHolders = stores.links().findLiveByPmIds(target.connectionId(), type, "contact",
                List.copyOf(new LinkedHashSet<>(holders.values())));
        ContactSyncStore.Deleted deletedInPm = stores.contacts().findDeleted(target.tenantId(),
                linkedIds.stream().filter(id -> !linked.containsKey(id)).toList(),
                emailOfUnlinked.values().stream().filter(e -> !byEmail.containsKey(e)).toList());
        Map<String, Long> companyIds = companiesReferredTo(map, live);

        Map<String, ContactWrite> writes = new LinkedHashMap<>();
        Map<String, CrmRecord> claimedEmails = new HashMap<>();
        List<Decided> decided = new ArrayList<>();
        List<SyncError> errors = new ArrayList<>();
        List<String> skippedDeleted = new ArrayList<>();
        Map<Long, String> addressChanges = new LinkedHashMap<>();
        List<SyncAuditStore.Entry> addressConflicts = new ArrayList<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            PmContact current = link != null && link.live() ? linked.get(link.pmId()) : null;
            if (current == null && emailOfUnlinked.containsKey(r.crmId())) {
                current = byEmail.get(emailOfUnlinked.get(r.crmId()));
            }
            if (current == null && ((link != null && link.live() && deletedInPm.ids().contains(link.pmId()))
                    || deletedInPm.emails().contains(emailOfUnlinked.get(r.crmId())))) {
                skippedDeleted.add(target.recordKey(r)); // deleted in PenguinMails: a CRM change does not undelete
                continue;
            }
            InboundDecision decision = InboundContactMerge.decide(map, r, link != null && link.live() ? link : null,
                    current, companyIds);
            if (!decision.syncable()) {
                errors.addAll(RecordProblems.of(target, r, decision));
                continue;
            }
            String email = String.valueOf(decision.values().get("email")).toLowerCase(Locale.ROOT);
            String newAddress = newAddressOfLinked.get(r.crmId());
            Long holder = newAddress == null ? null : holders.get(newAddress);
            if (holder != null && current != null && holder != current.id()) {
                errors.add(target.error(r, addressConflict(map, holder, linksOfHolders.get(holder))));
                addressConflicts.add(target.audit("address_conflict", type, 1, Map.of("crmRecord",
                        target.recordKey(r), "contactId", current.id(), "heldBy", "penguinmails:contact:" + holder,
                        "heldByCrmRecord", linksOfHolders.containsKey(holder)
                                ? target.recordKey(linksOfHolders.get(holder).crmId(), type) : "")));
                continue; // nothing overwritten: the record waits until the CRM or PenguinMails resolves it
            }
            CrmRecord other = claimedEmails.putIfAbsent(email, r);
            RecordLink elsewhere = current == null ? null : linksOfEmailMatches.get(current.id());
            if (other != null || (elsewhere != null && !elsewhere.crmId().equals(r.crmId()))) {
                errors.add(target.error(r, new FieldProblem(map.forPmField("email").map(f -> f.crmField())
                        .orElse("email"), "duplicates another CRM record's e-mail in this tenant (CRM record "
                                + (other != null ? other.crmId() : "linked earlier") + "); merge them in the CRM")));
                continue;
            }
            errors.addAll(RecordProblems.of(target, r, decision)); // warnings: the record syncs
            if (newAddress != null && current != null) {
                addressChanges.put(current.id(), email);
            }
            if (decision.changesPenguinMails() || current == null) {
                writes.put(email, write(decision.values()));
            }
            boolean viaLink = link != null && link.live() && linked.containsKey(link.pmId());
            decided.add(new Decided(r, decision, current, email, viaLink));
        }

        if (target.dryRun() != null) {
            report(type, decided, errors, skippedDeleted);
            target.report(type, "change address in penguinmails (bounce cleared)", decided.stream()
                    .filter(d -> d.current != null && addressChanges.containsKey(d.current.id()))
                    .map(d -> target.recordKey(d.record)).toList());
            return;
        }
        // addresses first, so the upsert by e-mail finds each moved contact under its new address
        stores.contacts().changeAddresses(target.tenantId(), addressChanges);
        Map<String, Long> ids = stores.contacts().upsert(target.tenantId(), List.copyOf(writes.values()));
        List<RecordLink> newLinks = new ArrayList<>();
        List<Long> pmWon = new ArrayList<>();
        Set<Long> contactIds = new LinkedHashSet<>();
        List<SyncAuditStore.Entry> audit = new ArrayList<>(addressConflicts);
        if (!addressChanges.isEmpty()) {
            // the bounce went with the old address: the outbound step clears what the CRM shows of it
            stores.changes().markChanged(target.tenantId(), addressChanges.keySet(), "address_changed");
            audit.add(target.audit("address_changed", type, addressChanges.size(),
                    Map.of("contactIds", List.copyOf(addressChanges.keySet()))));
        }
        for (Decided d : decided) {
            long pmId = d.current != null ? d.current.id() : Objects.requireNonNull(ids.get(d.email));
            contactIds.add(pmId);
            newLinks.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(d.record.crmId()),
                    "contact", pmId, d.decision.fieldHashes(), d.record.modifiedAt(), null, null));
            if (d.decision.penguinMailsWonAField()) {
                pmWon.add(pmId);
            }
            if (!d.decision.conflicts().isEmpty()) {
                audit.add(target.audit("conflict", type, 1, Map.of("crmId", d.record.crmId(), "contactId", pmId,
                        "fields", d.decision.conflicts())));
            }
        }
        stores.links().upsert(newLinks);
        int listed = more.lists().add(more.lists().staticList(target.tenantId(), target.connectionListName()),
                contactIds);
        int segmentChanges = more.lists().syncTagSegments(target.tenantId(), contactIds);
        stores.errors().record(errors);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().map(d -> target.recordKey(d.record)).toList());
        stores.errors().resolveWarnings(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().collect(java.util.stream.Collectors.toMap(d -> target.recordKey(d.record),
                        d -> RecordProblems.cleanFields(map, d.record, d.decision), (a, b) -> b)));
        stores.changes().markChanged(target.tenantId(), pmWon, "conflict");
        audit.add(target.audit("inbound", type, live.size(), Map.of("written", writes.size(),
                "errors", RecordProblems.count(errors, SyncError.Kind.ERROR),
                "warnings", RecordProblems.count(errors, SyncError.Kind.WARNING),
                "linked", newLinks.size(), "listed", listed, "segmentChanges", segmentChanges,
                "skippedDeletedInPenguinMails", skippedDeleted.size())));
        stores.audit().append(audit);
    }

    /**
     * Dead-letters a CRM record (a person or a company) that failed on its own, naming why; a dry run reports it. It
     * is retried when the CRM record changes again, or by a backfill.
     */
    void deadLetter(CrmRecord record, String reason) {
        if (target.dryRun() != null) {
            target.report(record.type(), "error", List.of(target.recordKey(record)));
            return;
        }
        stores.errors().record(List.of(new SyncError(target.tenantId(), target.connectionId(), target.jobName(),
                target.jobExecutionId(), target.recordKey(record), null, "could not be written: " + reason, null)));
    }

    private static boolean linkedElsewhere(@Nullable RecordLink link, String crmId) {
        return link != null && !link.crmId().equals(crmId);
    }

    /** Why a CRM address change is not applied: another contact of the tenant holds the new address. */
    private FieldProblem addressConflict(FieldMap map, long holder, @Nullable RecordLink holderLink) {
        return new FieldProblem(map.forPmField("email").map(f -> f.crmField()).orElse("email"),
                "changed in the CRM to an address another contact already holds (penguinmails:contact:" + holder
                        + (holderLink == null ? "" : ", linked to "
                        + target.recordKey(holderLink.crmId(), holderLink.objectType()))
                        + "); nothing was changed: merge the two records, or give one of them another address");
    }

    /** The PenguinMails company of each CRM company the records refer to, through the companies' live links. */
    private Map<String, Long> companiesReferredTo(FieldMap map, List<CrmRecord> live) {
        List<String> refs = live.stream().map(r -> InboundContactMerge.companyReference(map, r))
                .filter(Objects::nonNull).distinct().toList();
        Map<String, Long> companyIds = new HashMap<>();
        stores.links().findByCrmIds(target.connectionId(), ObjectType.COMPANY, refs).forEach((crmId, link) -> {
            if (link.live()) {
                companyIds.put(crmId, link.pmId());
            }
        });
        return companyIds;
    }

    /**
     * After their links closed: the contacts leave the connection's list; a merged-away contact whose survivor is
     * another PenguinMails contact hands its list memberships to it; contacts no CRM record is linked to any more are
     * soft-deleted (their engagement history stays) and leave their tag segments.
     */
    private void deleteOrMerge(ObjectType type, List<CrmDeletions.Closed> closed) {
        if (closed.isEmpty()) {
            return;
        }
        List<Long> pmIds = closed.stream().map(c -> c.link().pmId()).distinct().toList();
        var lists = more.lists();
        lists.findList(target.tenantId(), target.connectionListName()).ifPresent(list -> lists.remove(list, pmIds));
        List<Map<String, Object>> moved = new ArrayList<>();
        for (CrmDeletions.Closed c : closed) {
            RecordLink survivor = c.survivor();
            if (survivor != null && survivor.pmId() != c.link().pmId()) {
                int memberships = lists.moveMemberships(c.link().pmId(), survivor.pmId());
                moved.add(Map.of("from", c.link().pmId(), "to", survivor.pmId(), "memberships", memberships));
            }
        }
        List<Long> softDeleted = stores.contacts().softDeleteUnlinked(target.tenantId(), pmIds);
        lists.syncTagSegments(target.tenantId(), softDeleted);
        List<SyncAuditStore.Entry> audit = new ArrayList<>();
        if (!moved.isEmpty()) {
            audit.add(target.audit("crm_merged", type, moved.size(), Map.of("contacts", moved)));
        }
        if (!softDeleted.isEmpty()) {
            audit.add(target.audit("soft_deleted", type, softDeleted.size(), Map.of("contactIds", softDeleted)));
        }
        stores.audit().append(audit);
    }

    private void report(ObjectType type, List<Decided> decided, List<SyncError> errors, List<String> skipped) {
        target.report(type, "create in penguinmails",
                decided.stream().filter(d -> d.current == null).map(d -> target.recordKey(d.record)).toList());
        target.report(type, "update in penguinmails",
                decided.stream().filter(d -> d.current != null && d.decision.changesPenguinMails())
                        .map(d -> target.recordKey(d.record)).toList());
        target.report(type, "conflict",
                decided.stream().filter(d -> !d.decision.conflicts().isEmpty()).map(d -> target.recordKey(d.record))
                        .toList());
        target.report(type, "error", RecordProblems.keys(errors, SyncError.Kind.ERROR));
        target.report(type, "warning", RecordProblems.keys(errors, SyncError.Kind.WARNING));
        target.report(type, "skip (deleted in penguinmails)", skipped);
        target.report(type, "add to " + target.connectionListName(),
                decided.stream().filter(d -> !d.linkedBefore).map(d -> target.recordKey(d.record)).toList());
        target.report(type, "change tags (segment lists)", decided.stream().filter(d -> !Objects.equals(
                InboundContactMerge.sortedTags(d.decision.values().get("tags")),
                InboundContactMerge.sortedTags(d.current == null ? List.of() : d.current.values().get("tags"))))
                .map(d -> target.recordKey(d.record)).toList());
        Set<String> tags = new LinkedHashSet<>();
        decided.forEach(d -> {
            if (d.decision.values().get("tags") instanceof java.util.Collection<?> c) {
                c.forEach(t -> tags.add(String.valueOf(t)));
            }
        });
        target.report(type, "create segment list", more.lists().tagsWithoutSegment(target.tenantId(), tags));
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

    /** @param linkedBefore whether the contact was reached through the record's live link (so already listed) */
    private record Decided(CrmRecord record, InboundDecision decision, @Nullable PmContact current, String email,
                           boolean linkedBefore) {
    }
}
