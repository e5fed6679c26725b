package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A successful Pipedrive answer: its {@code data}, the v2 {@code additional_data.next_cursor}, and the server's
 * {@code Date} (whole seconds), which tells the change feed whether a second of update times is complete.
 */
public record ApiResponse(JsonNode data, @Nullable String nextCursor, @Nullable Instant serverTime) {
}
