package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One record as a CRM holds it: its type and CRM id, when the CRM last modified it, whether it was deleted or merged
 * into another record, and its field values keyed by the CRM's API names (e.g. {@code Email}, {@code hs_email_optout},
 * a Pipedrive custom-field hash). Values are strings, numbers, booleans, instants or null (a field to clear).
 *
 * @param crmId      the CRM's id; null for a record not yet created there
 * @param externalId the PenguinMails key the record is upserted by when the CRM supports external ids
 */
public record CrmRecord(ObjectType type, @Nullable String crmId, @Nullable String externalId,
                        @Nullable Instant modifiedAt, boolean deleted, @Nullable String mergedIntoId,
                        Map<String, @Nullable Object> fields) {

    public CrmRecord {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A live record read from the CRM. */
    public static CrmRecord of(ObjectType type, String crmId, Instant modifiedAt, Map<String, @Nullable Object> fields) {
        return new CrmRecord(type, crmId, null, modifiedAt, false, null, fields);
    }

    /** A record the CRM reports deleted (and, when {@code mergedIntoId} is set, merged into that record). */
    public static CrmRecord deletion(ObjectType type, String crmId, Instant deletedAt, @Nullable String mergedIntoId) {
        return new CrmRecord(type, crmId, null, deletedAt, true, mergedIntoId, Map.of());
    }

    /** A record to write: to {@code crmId} when known, else upserted by {@code externalId}. */
    public static CrmRecord toWrite(ObjectType type, @Nullable String crmId, @Nullable String externalId,
                                    Map<String, @Nullable Object> fields) {
        return new CrmRecord(type, crmId, externalId, null, false, null, fields);
    }

    public boolean merged() {
        return mergedIntoId != null;
    }
}
