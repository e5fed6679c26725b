package com.penguinmails.crmsync.core;

import org.jspecify.annotations.Nullable;

/**
 * A record that could not be synced ({@code crm_sync.sync_errors}): which record (its key on the side it came from),
 * which field, why, and the payload to retry it with. Messages never carry personal data; the payload is kept in
 * the database only, for the retry.
 */
public record SyncError(String tenantId, @Nullable Long connectionId, String jobName, long jobExecutionId,
                        String recordKey, @Nullable String field, String reason, @Nullable String payloadJson) {
}
