package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's link to one CRM account ({@code crm_sync.connections}): the unit of partitioning of the sync jobs.
 *
 * @param accountRef the CRM's own account id (Salesforce org id, HubSpot hub id, Pipedrive company domain), if known
 * @param settings   non-secret options, e.g. {@code baseUrl} for a sandbox or a private instance
 */
public record Connection(long id, String tenantId, CrmKind crm, @Nullable String accountRef, Status status,
                         @Nullable String statusReason, Map<String, String> settings, Instant createdAt) {

    public Connection {
        settings = Map.copyOf(settings);
    }

    /** Whether jobs sync this connection. */
    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** {@code crm_sync.connections.status}. */
    public enum Status {
        /** Synced by every run. */
        ACTIVE,
        /** Paused by an operator; credentials kept. */
        DISABLED,
        /** The CRM refused its credentials (revoked, expired refresh token); needs re-authorisation. */
        AUTH_FAILED,
        /** Removed by an operator; its credentials are deleted. */
        DISCONNECTED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromDbValue(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
