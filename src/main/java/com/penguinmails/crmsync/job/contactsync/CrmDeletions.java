package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Closes the record links of CRM records deleted or merged away (merged ones keep the id of the record they went
 * into), audits it, and says which links it closed, so the writer of the object can act on their PenguinMails
 * records. Shared by contacts and companies.
 */
final class CrmDeletions {

    /** A closed link, and the live link of the record it was merged into when that is known. */
    record Closed(RecordLink link, @org.jspecify.annotations.Nullable RecordLink survivor) {
    }

    private CrmDeletions() {
    }

    static List<Closed> close(ConnectionTarget target, RecordLinkStore links, SyncAuditStore audit,
                              ObjectType type, List<CrmRecord> deleted, Map<String, RecordLink> linksOfChunk) {
        List<RecordLink> closed = new ArrayList<>();
        for (CrmRecord r : deleted) {
            RecordLink link = linksOfChunk.get(r.crmId());
            if (link != null && link.live()) {
                Instant at = r.modifiedAt() != null ? r.modifiedAt() : Instant.now();
                closed.add(new RecordLink(link.connectionId(), type, link.crmId(), link.pmEntity(), link.pmId(),
                        link.fieldHashes(), link.crmModifiedAt(), r.mergedIntoId(), at));
            }
        }
        if (closed.isEmpty()) {
            return List.of();
        }
        links.upsert(closed);
        Map<String, RecordLink> survivors = links.findByCrmIds(target.connectionId(), type, closed.stream()
                .map(RecordLink::mergedInto).filter(Objects::nonNull).distinct().toList());
        long merged = deleted.stream().filter(CrmRecord::merged).count();
        audit.append(List.of(target.audit("crm_deleted", type, closed.size(),
                Map.of("merged", merged, "crmIds", closed.stream().map(RecordLink::crmId).toList()))));
        return closed.stream().map(l -> {
            RecordLink survivor = l.mergedInto() == null ? null : survivors.get(l.mergedInto());
            return new Closed(l, survivor != null && survivor.live() ? survivor : null);
        }).toList();
    }
}
