package com.penguinmails.crmsync.core;

/** Who wins a field both sides changed since the last sync ({@code crm_sync.field_mappings.conflict_policy}). */
public enum ConflictPolicy {
    /** The CRM's value wins. */
    CRM_WINS,
    /** PenguinMails' value wins. */
    PENGUINMAILS_WINS,
    /** The side changed most recently wins; the CRM on a tie. */
    NEWEST_WINS
}
