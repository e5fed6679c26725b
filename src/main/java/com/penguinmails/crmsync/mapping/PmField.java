package com.penguinmails.crmsync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The PenguinMails fields a CRM field can map to, with the kind of value each holds. Custom contact attributes are
 * {@code custom.<key>} (see {@link #isCustom}).
 */
public enum PmField {
    EMAIL("text"), FIRST_NAME("text"), LAST_NAME("text"), PHONE("text"), JOB_TITLE("text"), COMPANY_NAME("text"),
    COMPANY_DOMAIN("text"), UNSUBSCRIBED("boolean"), BOUNCED("boolean"), BOUNCE_REASON("text"), LEAD_SCORE("number"),
    TAGS("list"), COMPANY_ID("reference"),
    /**
     * First and last name joined, or the e-mail when the contact has neither: computed, so outbound only (a CRM
     * that keeps one name, e.g. a Pipedrive person's required {@code name}).
     */
    FULL_NAME("text");

    private final String kind;

    PmField(String kind) {
        this.kind = kind;
    }

    /**
     * {@code text}, {@code boolean}, {@code number}, {@code list} or {@code reference} (the CRM id of the person's
     * company, which the contact sync resolves through the company's record link to {@code contacts.company_id}).
     */
    public String kind() {
        return kind;
    }

    /** The name used in field maps ({@code first_name}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PmField> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }

    /** Whether {@code key} names a custom attribute ({@code custom.<key>}). */
    public static boolean isCustom(String key) {
        return key.startsWith("custom.") && key.length() > "custom.".length();
    }
}
