package com.penguinmails.crmsync.connector.salesforce.cdc;

import java.time.Instant;
import java.util.List;

/**
 * What this suite reads of one change event: its {@code ChangeEventHeader} (entity, change type, record ids, origin,
 * commit time) and its replay id.
 */
record ChangeEvent(byte[] replayId, String entity, String changeType, List<String> recordIds, String changeOrigin,
                   Instant committedAt) {

    ChangeEvent {
        recordIds = List.copyOf(recordIds);
    }
}
