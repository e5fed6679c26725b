package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one connection's change notices into what the inbound writer applies, as if the change feed had reported it:
 * every record a notice names (created, changed, deleted, a merge's survivor and the records merged into it) is read
 * from the CRM by id, one batch per object type; a record the CRM holds is applied as it is now, one it no longer
 * holds as a deletion (merged into the survivor a merge notice named, when one did). So a notice repeated, late or
 * out of order (a delete after the restore, an edit after the delete) comes to what the CRM holds now. RESYNC notices
 * name objects, not records; they are returned apart.
 */
final class NoticeRecords {

    /** Reads the records of {@code type} with these ids as the CRM holds them now (absent when gone). */
    @FunctionalInterface
    interface Reader {
        List<CrmRecord> read(ObjectType type, Collection<String> ids);
    }

    /**
     * @param records   what to write: each object's records in {@code objects}' order (companies before people)
     * @param deletions how many of them are deletions (absent from the CRM)
     * @param resync    the objects a RESYNC notice named
     */
    record Plan(List<CrmRecord> records, int deletions, Set<ObjectType> resync) {
    }

    private NoticeRecords() {
    }

    /** The plan of {@code notices} for a connection syncing {@code objects}; notices of other objects are ignored. */
    static Plan plan(List<CrmChangeNotice> notices, List<ObjectType> objects, Reader reader) {
        List<CrmChangeNotice> oldestFirst = notices.stream()
                .sorted(Comparator.comparing(CrmChangeNotice::occurredAt)).toList();
        List<CrmRecord> records = new ArrayList<>();
        int deletions = 0;
        Set<ObjectType> resync = new LinkedHashSet<>();
        for (ObjectType type : objects) {
            Map<String, Instant> named = new LinkedHashMap<>();
            Map<String, String> mergedInto = new HashMap<>();
            for (CrmChangeNotice notice : oldestFirst) {
                if (notice.type() != type) {
                    continue;
                }
                if (notice.change() == CrmChangeNotice.Change.RESYNC) {
                    resync.add(type);
                    continue;
                }
                String id = Objects.requireNonNull(notice.recordId());
                named.put(id, notice.occurredAt());
                for (String merged : notice.mergedRecordIds()) {
                    if (!merged.equals(id)) {
                        named.put(merged, notice.occurredAt());
                        mergedInto.put(merged, id);
                    }
                }
            }
            if (named.isEmpty()) {
                continue;
            }
            Map<String, CrmRecord> held = new HashMap<>();
            for (CrmRecord record : reader.read(type, named.keySet())) {
                if (record.crmId() == null || !named.containsKey(record.crmId())) {
                    continue;
                }
                if (record.deleted()) {
                    // gone, and the CRM says into what (a Salesforce merge announced only as the loser's deletion)
                    mergedInto.putIfAbsent(record.crmId(), record.mergedIntoId());
                } else {
                    held.put(record.crmId(), record);
                }
            }
            for (Map.Entry<String, Instant> id : named.entrySet()) {
                CrmRecord record = held.get(id.getKey());
                if (record == null) {
                    records.add(CrmRecord.deletion(type, id.getKey(), id.getValue(), mergedInto.get(id.getKey())));
                    deletions++;
                } else {
                    records.add(record);
                }
            }
        }
        return new Plan(List.copyOf(records), deletions, Set.copyOf(resync));
    }
}
