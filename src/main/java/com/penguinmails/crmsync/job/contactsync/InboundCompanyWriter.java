package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundCompanyMerge;
import com.penguinmails.crmsync.conflict.InboundDecision;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmCompany;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.job.contactpush.ProblemTally;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.store.CompanySyncStore.CompanyWrite;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a chunk of CRM company changes (Salesforce Accounts, HubSpot companies, Pipedrive organizations) into
 * {@code penguinmails.companies}, a few statements in all: finds each record's company through its link, else by the
 * tenant's domain; merges it three-way ({@link InboundCompanyMerge}); inserts and updates the companies in bulk and
 * links them ({@code pm_entity='company'}); dead-letters companies without a name while the rest of the chunk lands.
 * A company the CRM deleted closes its link and is soft-deleted once no CRM record is linked to it (its contacts keep
 * pointing at it until the CRM changes them); a merged-away company hands its contacts to the survivor's company.
 * A company deleted in PenguinMails is skipped, never brought back.
 */
class InboundCompanyWriter {

    private final ContactStores stores;
    private final ListAndCompanyStores more;
    private final ConnectionTarget target;
    private final FieldMap map;

    public InboundCompanyWriter(ContactStores stores, ListAndCompanyStores more,
                                ConnectionTarget target, FieldMap map) {
        this.stores = stores;
        this.more = more;
        this.target = target;
        this.map = map;
    }

    public void write(List<CrmRecord> records) {
        ObjectType type = ObjectType.COMPANY;
        Map<String, RecordLink> links = stores.links().findByCrmIds(target.connectionId(), type,
                records.stream().map(CrmRecord::crmId).filter(Objects::nonNull).toList());
        List<CrmRecord> deleted = records.stream().filter(CrmRecord::deleted).toList();
        if (target.dryRun() != null) {
            target.report(type, "close link (CRM deleted)", deleted.stream().filter(r -> links.containsKey(r.crmId())
                    && links.get(r.crmId()).live()).map(target::recordKey).toList());
        } else {
            deleteOrMerge(CrmDeletions.close(target, stores.links(), stores.audit(), type, deleted, links));
        }
        List<CrmRecord> live = records.stream().filter(r -> !r.deleted()).toList();
        Map<Long, PmCompany> linked = more.companies().findByIds(target.tenantId(), live.stream()
                .map(r -> links.get(r.crmId())).filter(l -> l != null && l.live()).map(RecordLink::pmId).toList());
        Map<String, String> domainOfUnlinked = new LinkedHashMap<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            Object domain = FieldMapper.inbound(map, r.fields()).values().get("company_domain");
            if ((link == null || !link.live()) && domain != null) {
                domainOfUnlinked.put(r.crmId(), domain.toString().strip().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, PmCompany> byDomain = more.companies().findByDomains(target.tenantId(),
                domainOfUnlinked.values());
        Map<Long, RecordLink> linksOfDomainMatches = stores.links().findLiveByPmIds(target.connectionId(), type,
                "company", byDomain.values().stream().map(PmCompany::id).toList());

        List<CompanyWrite> writes = new ArrayList<>();
        List<Decided> decided = new ArrayList<>();
        List<SyncError> errors = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Long> claimed = new HashSet<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            boolean viaLink = link != null && link.live();
            PmCompany current = viaLink ? linked.get(link.pmId()) : byDomain.get(domainOfUnlinked.get(r.crmId()));
            if (!viaLink && current != null && (linksOfDomainMatches.containsKey(current.id())
                    || !claimed.add(current.id()))) {
                current = null; // that company is another CRM record's: this one gets a company of its own
            }
            if (current != null && current.deleted()) {
                skipped.add(target.recordKey(r)); // deleted in PenguinMails: a CRM change does not undelete
                continue;
            }
            InboundDecision decision = InboundCompanyMerge.decide(map, r, viaLink ? link : null, current);
            errors.addAll(RecordProblems.of(target, r, decision));
            if (!decision.syncable()) {
                continue;
            }
            int write = -1;
            if (decision.changesPenguinMails() || current == null) {
                Object domain = decision.values().get("company_domain");
                write = writes.size();
                writes.add(new CompanyWrite(current == null ? null : current.id(),
                        String.valueOf(decision.values().get("company_name")).strip(),
                        domain == null ? null : domain.toString().strip().toLowerCase(Locale.ROOT)));
            }
            decided.add(new Decided(r, decision, current, write));
        }
        if (target.dryRun() != null) {
            target.report(type, "create in penguinmails", decided.stream().filter(d -> d.current == null)
                    .map(d -> target.recordKey(d.record)).toList());
            target.report(type, "update in penguinmails", decided.stream().filter(d -> d.current != null
                    && d.write >= 0).map(d -> target.recordKey(d.record)).toList());
            target.report(type, "error", ProblemTally.keys(errors, SyncError.Kind.ERROR));
            target.report(type, "warning", ProblemTally.keys(errors, SyncError.Kind.WARNING));
            target.report(type, "skip (deleted in penguinmails)", skipped);
            return;
        }
        List<Long> ids = more.companies().write(target.tenantId(), writes);
        List<RecordLink> newLinks = new ArrayList<>();
        for (Decided d : decided) {
            long pmId = d.write >= 0 ? ids.get(d.write) : Objects.requireNonNull(d.current).id();
            newLinks.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(d.record.crmId()),
                    "company", pmId, d.decision.fieldHashes(), d.record.modifiedAt(), null, null));
        }
        stores.links().upsert(newLinks);
        stores.errors().record(errors);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().map(d -> target.recordKey(d.record)).toList());
        stores.errors().resolveWarnings(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().collect(java.util.stream.Collectors.toMap(d -> target.recordKey(d.record),
                        d -> RecordProblems.cleanFields(map, d.record, d.decision), (a, b) -> b)));
        List<SyncAuditStore.Entry> audit = new ArrayList<>();
        decided.stream().filter(d -> !d.decision.conflicts().isEmpty()).forEach(d -> audit.add(target.audit(
                "conflict", type, 1, Map.of("crmId", d.record.crmId(), "fields", d.decision.conflicts()))));
        audit.add(target.audit("inbound", type, live.size(), Map.of("written", writes.size(), "errors",
                errors.size(), "linked", newLinks.size(), "skippedDeletedInPenguinMails", skipped.size())));
        stores.audit().append(audit);
    }

    private void deleteOrMerge(List<CrmDeletions.Closed> closed) {
        if (closed.isEmpty()) {
            return;
        }
        List<Map<String, Object>> moved = new ArrayList<>();
        for (CrmDeletions.Closed c : closed) {
            RecordLink survivor = c.survivor();
            if (survivor != null && survivor.pmId() != c.link().pmId()) {
                int contacts = more.companies().moveContacts(target.tenantId(), c.link().pmId(), survivor.pmId());
                moved.add(Map.of("from", c.link().pmId(), "to", survivor.pmId(), "contacts", contacts));
            }
        }
        int softDeleted = more.companies().softDeleteUnlinked(target.tenantId(),
                closed.stream().map(c -> c.link().pmId()).distinct().toList());
        List<SyncAuditStore.Entry> audit = new ArrayList<>();
        if (!moved.isEmpty()) {
            audit.add(target.audit("crm_merged", ObjectType.COMPANY, moved.size(), Map.of("companies", moved)));
        }
        if (softDeleted > 0) {
            audit.add(target.audit("soft_deleted", ObjectType.COMPANY, softDeleted, Map.of()));
        }
        stores.audit().append(audit);
    }

    /** @param write the index of its company write, or -1 when the company is unchanged */
    private record Decided(CrmRecord record, InboundDecision decision, @Nullable PmCompany current, int write) {
    }
}
