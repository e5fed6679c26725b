package com.penguinmails.crmsync.core;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A problem a sync met with one record ({@code crm_sync.sync_errors}): which record (its key on the side it came
 * from), which field, why, and the payload to retry it with. An {@link Kind#ERROR} means the record did not sync (a
 * dead letter, one per record); a {@link Kind#WARNING} means it synced but one field's value was dropped, cleaned or
 * cut (one per record and field). Messages never carry personal data; the payload is kept in the database only, for
 * the retry.
 */
public record SyncError(String tenantId, @Nullable Long connectionId, String jobName, long jobExecutionId,
                        String recordKey, @Nullable String field, String reason, @Nullable String payloadJson,
                        Kind kind) {

    /** Whether the record did not sync ({@code error}) or synced without, or with a cleaned, value ({@code warning}). */
    public enum Kind {
        ERROR, WARNING;

        /** The value of the {@code kind} column. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a {@code kind} column value names. */
        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /** An error: the record did not sync. */
    public SyncError(String tenantId, @Nullable Long connectionId, String jobName, long jobExecutionId,
                     String recordKey, @Nullable String field, String reason, @Nullable String payloadJson) {
        this(tenantId, connectionId, jobName, jobExecutionId, recordKey, field, reason, payloadJson, Kind.ERROR);
    }

    /** This problem as a warning (the record synced; this field's value did not, or only cleaned). */
    public SyncError asWarning() {
        return new SyncError(tenantId, connectionId, jobName, jobExecutionId, recordKey, field, reason, payloadJson,
                Kind.WARNING);
    }
}
