package com.penguinmails.crmsync.conflict;

import org.jspecify.annotations.Nullable;

/**
 * What a field becomes after a merge: which side's value wins (or {@link Winner#NONE}: both agree already), the
 * value, and whether both sides had changed it (a conflict, recorded in {@code crm_sync.sync_audit}).
 */
record Resolution(Winner winner, @Nullable Object value, boolean conflict) {

    /** The side whose value the field takes. */
    public enum Winner { NONE, CRM, PENGUINMAILS }

    /** Whether PenguinMails must be written. */
    public boolean changesPenguinMails() {
        return winner == Winner.CRM;
    }

    /** Whether the CRM must be written. */
    public boolean changesCrm() {
        return winner == Winner.PENGUINMAILS;
    }
}
