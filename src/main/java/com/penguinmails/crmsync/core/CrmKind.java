package com.penguinmails.crmsync.core;

import java.util.Locale;

/** The CRMs the suite syncs with; {@link #id()} is the value of {@code crm_sync.connections.crm}. */
public enum CrmKind {
    SALESFORCE, HUBSPOT, PIPEDRIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static CrmKind fromId(String id) {
        for (CrmKind kind : values()) {
            if (kind.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown CRM '" + id + "'; expected salesforce, hubspot or pipedrive");
    }
}
