package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CRM people of a chunk that the CRM deleted or merged away: their links close ({@link CrmDeletions}) and their
 * contacts leave the connection's list; a merged-away contact whose survivor is another PenguinMails contact hands
 * its list memberships to it; contacts no CRM record is linked to any more are soft-deleted (their engagement history
 * stays) and leave their tag segments. A dry run reports the links it would close instead.
 */
final class PeopleDeletions {

    private final ContactStores stores;
    private final ListAndCompanyStores more;
    private final ConnectionTarget target;

    PeopleDeletions(ContactStores stores, ListAndCompanyStores more, ConnectionTarget target) {
        this.stores = stores;
        this.more = more;
        this.target = target;
    }

    /** Applies (or, on a dry run, reports) the deletions among {@code deleted}, given the chunk's links by CRM id. */
    void apply(ObjectType type, List<CrmRecord> deleted, Map<String, RecordLink> links) {
        if (target.dryRun() != null) {
            List<String> closing = deleted.stream().filter(r -> links.containsKey(r.crmId()) && links.get(r.crmId())
                    .live()).map(target::recordKey).toList();
            target.report(type, "close link (CRM deleted)", closing);
            target.report(type, "remove from " + target.connectionListName(), closing);
        } else {
            deleteOrMerge(type, CrmDeletions.close(target, stores.links(), stores.audit(), type, deleted, links));
        }
    }

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
}
