package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundContactMerge;
import com.penguinmails.crmsync.conflict.InboundDecision;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of CRM people changes (contacts, leads) into PenguinMails, in the chunk's transaction, one object
 * type at a time: the records the CRM deleted or merged first ({@link PeopleDeletions}), then the live ones: looks up
 * what they need for the whole chunk ({@link PeopleLookups}), decides each record ({@link InboundContactMerge}) or
 * refuses it (an address another contact holds, an e-mail another record of the chunk or connection has), and hands
 * the decisions to a dry run's report ({@link PeopleReport}) or to the write ({@link PeopleUpsert}). Contacts deleted
 * in PenguinMails are skipped, never brought back.
 */
class InboundContactWriter implements ItemWriter<CrmRecord> {

    private final ContactStores stores;
    private final ConnectionTarget target;
    private final Map<ObjectType, FieldMap> maps;
    private final PeopleDeletions deletions;
    private final PeopleReport report;
    private final PeopleUpsert upsert;

    public InboundContactWriter(ContactStores stores, ListAndCompanyStores more, ConnectionTarget target,
                                Map<ObjectType, FieldMap> maps) {
        this.stores = stores;
        this.target = target;
        this.maps = maps;
        this.deletions = new PeopleDeletions(stores, more, target);
        this.report = new PeopleReport(more.lists(), target);
        this.upsert = new PeopleUpsert(stores, more, target);
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
        deletions.apply(type, records.stream().filter(CrmRecord::deleted).toList(), links);
        PeopleLookups found = PeopleLookups.of(stores, target, type, map, live, links);

        PeopleDecisions decisions = new PeopleDecisions();
        List<SyncError> errors = decisions.errors();
        Map<String, CrmRecord> claimedEmails = new HashMap<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            PmContact current = link != null && link.live() ? found.linked().get(link.pmId()) : null;
            if (current == null && found.emailOfUnlinked().containsKey(r.crmId())) {
                current = found.byEmail().get(found.emailOfUnlinked().get(r.crmId()));
            }
            if (current == null && ((link != null && link.live() && found.deletedInPm().ids().contains(link.pmId()))
                    || found.deletedInPm().emails().contains(found.emailOfUnlinked().get(r.crmId())))) {
                // deleted in PenguinMails: a CRM change does not undelete
                decisions.skippedDeleted().add(target.recordKey(r));
                continue;
            }
            InboundDecision decision = InboundContactMerge.decide(map, r, link != null && link.live() ? link : null,
                    current, found.companyIds());
            if (!decision.syncable()) {
                errors.addAll(RecordProblems.of(target, r, decision));
                continue;
            }
            String email = String.valueOf(decision.values().get("email")).toLowerCase(Locale.ROOT);
            String newAddress = found.newAddressOfLinked().get(r.crmId());
            Long holder = newAddress == null ? null : found.holders().get(newAddress);
            if (holder != null && current != null && holder != current.id()) {
                errors.add(target.error(r, addressConflict(map, holder, found.linksOfHolders().get(holder))));
                decisions.addressConflicts().add(target.audit("address_conflict", type, 1, Map.of("crmRecord",
                        target.recordKey(r), "contactId", current.id(), "heldBy", "penguinmails:contact:" + holder,
                        "heldByCrmRecord", found.linksOfHolders().containsKey(holder)
                                ? target.recordKey(found.linksOfHolders().get(holder).crmId(), type) : "")));
                continue; // nothing overwritten: the record waits until the CRM or PenguinMails resolves it
            }
            CrmRecord other = claimedEmails.putIfAbsent(email, r);
            RecordLink elsewhere = current == null ? null : found.linksOfEmailMatches().get(current.id());
            if (other != null || (elsewhere != null && !elsewhere.crmId().equals(r.crmId()))) {
                errors.add(target.error(r, new FieldProblem(map.crmNameOf("email"), "duplicates another CRM record's "
                        + "e-mail in this tenant (CRM record " + (other != null ? other.crmId() : "linked earlier")
                        + "); merge them in the CRM")));
                continue;
            }
            errors.addAll(RecordProblems.of(target, r, decision)); // warnings: the record syncs
            if (newAddress != null && current != null) {
                decisions.addressChanges().put(current.id(), email);
            }
            boolean viaLink = link != null && link.live() && found.linked().containsKey(link.pmId());
            decisions.decided().add(new PeopleDecisions.Decided(r, decision, current, email, viaLink));
        }

        if (target.dryRun() != null) {
            report.report(type, decisions);
        } else {
            upsert.write(type, map, live.size(), decisions);
        }
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

    /** Why a CRM address change is not applied: another contact of the tenant holds the new address. */
    private FieldProblem addressConflict(FieldMap map, long holder, @Nullable RecordLink holderLink) {
        return new FieldProblem(map.crmNameOf("email"),
                "changed in the CRM to an address another contact already holds (penguinmails:contact:" + holder
                        + (holderLink == null ? "" : ", linked to "
                        + target.recordKey(holderLink.crmId(), holderLink.objectType()))
                        + "); nothing was changed: merge the two records, or give one of them another address");
    }
}
