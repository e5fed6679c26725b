package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundDecision;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the inbound writer decided for a chunk's live CRM people of one type, filled record by record: the records that
 * sync, the problems (errors and warnings), the records skipped because PenguinMails deleted their contact, the
 * contacts whose address moves, and the address conflicts to audit. Read by the dry-run report or by the write.
 */
record PeopleDecisions(List<Decided> decided, List<SyncError> errors, List<String> skippedDeleted,
                       Map<Long, String> addressChanges, List<SyncAuditStore.Entry> addressConflicts) {

    PeopleDecisions() {
        this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    /**
     * A record that syncs.
     *
     * @param current      the contact it updates; null when it creates one
     * @param email        its contact's address, lower case (what the upsert keys new contacts by)
     * @param linkedBefore whether the contact was reached through the record's live link (so already listed)
     */
    record Decided(CrmRecord record, InboundDecision decision, @Nullable PmContact current, String email,
                   boolean linkedBefore) {
    }
}
