package com.penguinmails.crmsync.core;

import java.util.List;
import java.util.Locale;

/** The CRMs the suite syncs with; {@link #id()} is the value of {@code crm_sync.connections.crm}. */
public enum CrmKind {
    SALESFORCE, HUBSPOT, PIPEDRIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CRM objects that hold people (PenguinMails contacts): Salesforce contacts and leads, else contacts. */
    public List<ObjectType> personObjects() {
        return this == SALESFORCE ? List.of(ObjectType.CONTACT, ObjectType.LEAD) : List.of(ObjectType.CONTACT);
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
