package com.penguinmails.crmsync.mapping;

import java.util.Locale;

/** Which way a field syncs. */
public enum Direction {
    /** CRM to PenguinMails only. */
    IN,
    /** PenguinMails to CRM only. */
    OUT,
    /** Both ways, conflicts resolved by the field's policy. */
    BOTH;

    public boolean inbound() {
        return this != OUT;
    }

    public boolean outbound() {
        return this != IN;
    }

    public static Direction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction '" + text + "' is not one of in, out, both");
        }
    }
}
