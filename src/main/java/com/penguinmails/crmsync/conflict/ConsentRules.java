package com.penguinmails.crmsync.conflict;

import org.jspecify.annotations.Nullable;

/**
 * Consent is sticky and the stricter side wins, whatever a field's policy: a PenguinMails unsubscribe or hard bounce
 * is never undone by a CRM value; a CRM opt-out unsubscribes the contact in PenguinMails; and PenguinMails pushes its
 * opt-out to the CRM when the CRM does not have it yet.
 */
final class ConsentRules {

    private ConsentRules() {
    }

    /** The outcome for one contact: whether each side must now record an opt-out. */
    public record Consent(boolean optedOut, boolean unsubscribeInPenguinMails, boolean optOutInCrm) {
    }

    /**
     * Hard bounces are not consent: they reach the CRM through its bounce fields, and no CRM value clears them.
     *
     * @param crmOptedOut    the CRM's opt-out flag (null when the CRM did not say)
     * @param pmUnsubscribed PenguinMails' consent status is unsubscribed
     */
    public static Consent merge(@Nullable Boolean crmOptedOut, boolean pmUnsubscribed) {
        boolean crm = Boolean.TRUE.equals(crmOptedOut);
        boolean optedOut = crm || pmUnsubscribed;
        return new Consent(optedOut, crm && !pmUnsubscribed, optedOut && !crm);
    }
}
