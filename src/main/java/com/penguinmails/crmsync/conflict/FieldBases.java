package com.penguinmails.crmsync.conflict;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two bases a record link keeps for one field, in {@code crm_sync.record_links.field_hashes}: under the field's
 * own key the hash of the PenguinMails value last synced, and under {@code crm:<field>} the hash of what the CRM holds
 * since, in inbound mapping terms, only when that differs (a value cut to the CRM field's length, a phone normalised,
 * a picklist mapped, a name the CRM split its own way). {@link #PENDING_ECHO} stands for "whatever the CRM holds at
 * its next read is our own write coming back": a record the suite just created, whose in-only fields (a company, a
 * name the CRM derives) it could not foresee.
 */
record FieldBases(@Nullable String penguinMails, @Nullable String crm) {

    /** The CRM base of a field the suite wrote but cannot foresee: its next read is taken as the echo. */
    public static final String PENDING_ECHO = "pending-echo";

    private static final String CRM_PREFIX = "crm:";

    /** The bases of {@code field} in a link's hashes (the CRM's is the PenguinMails one unless kept apart). */
    public static FieldBases of(Map<String, String> hashes, String field) {
        String pm = hashes.get(field);
        String crm = hashes.get(crmKey(field));
        return new FieldBases(pm, crm != null ? crm : pm);
    }

    /** The key under which a link keeps the CRM's base of {@code field} when it differs from PenguinMails'. */
    public static String crmKey(String field) {
        return CRM_PREFIX + field;
    }

    /** Whether a key of a link's hashes is a CRM base rather than a field. */
    public static boolean isCrmKey(String key) {
        return key.startsWith(CRM_PREFIX);
    }

    /** Whether the CRM's next value of the field is to be taken as the echo of the suite's own write. */
    public boolean echoPending() {
        return PENDING_ECHO.equals(crm);
    }

    /**
     * Keeps both bases of {@code field} in {@code hashes}: the CRM's apart only when it differs (a null CRM base means
     * the CRM holds what PenguinMails does).
     */
    public static void keep(Map<String, String> hashes, String field, @Nullable String pmHash,
                            @Nullable String crmHash) {
        if (pmHash == null) {
            hashes.remove(field);
        } else {
            hashes.put(field, pmHash);
        }
        if (crmHash == null || crmHash.equals(pmHash)) {
            hashes.remove(crmKey(field));
        } else {
            hashes.put(crmKey(field), crmHash);
        }
    }
}
