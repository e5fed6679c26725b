package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PenguinMails record and the CRM record it is synced with ({@code crm_sync.record_links}), with the hash of each
 * field's value as last synced: the base of the next three-way merge.
 *
 * @param pmEntity {@code contact} or {@code company}
 */
public record RecordLink(long connectionId, ObjectType objectType, String crmId, String pmEntity, long pmId,
                         Map<String, String> fieldHashes, @Nullable Instant crmModifiedAt,
                         @Nullable String mergedInto, @Nullable Instant deletedAt) {

    public RecordLink {
        fieldHashes = Map.copyOf(fieldHashes);
    }

    public boolean live() {
        return mergedInto == null && deletedAt == null;
    }
}
