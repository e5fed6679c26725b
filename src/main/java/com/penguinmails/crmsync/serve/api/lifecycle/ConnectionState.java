package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.SyncFrequency;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A connection's state as the lifecycle calls answer it: no secret, only its status and scheduling settings.
 *
 * @param status           {@code active}, {@code disabled} (paused), {@code auth_failed} or {@code disconnected}
 * @param syncFrequency    how often the scheduled runs sync it ({@code 15m}, {@code 1h}, {@code 4h}, {@code 1d})
 * @param dailyShare       its share of the CRM's daily API quota, when set
 * @param quotaPausedUntil until when it is paused because it reached its API allocation, if it is
 */
public record ConnectionState(long id, String tenantId, String crm, String status, @Nullable String statusReason,
                              String syncFrequency, @Nullable Double dailyShare, @Nullable Instant quotaPausedUntil) {

    static ConnectionState of(Connection connection, @Nullable Instant quotaPausedUntil) {
        String share = connection.settings().get("dailyShare");
        String frequency;
        try {
            frequency = SyncFrequency.of(connection.settings()).value();
        } catch (RuntimeException e) {
            frequency = SyncFrequency.HOURLY.value();
        }
        return new ConnectionState(connection.id(), connection.tenantId(), connection.crm().id(),
                connection.status().dbValue(), connection.statusReason(), frequency,
                share == null ? null : Double.valueOf(share), quotaPausedUntil);
    }
}
