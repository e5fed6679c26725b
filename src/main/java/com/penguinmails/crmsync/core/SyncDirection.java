package com.penguinmails.crmsync.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Which way a connection syncs (its {@value #SETTING} setting): {@code inbound} (CRM to PenguinMails only: no run
 * or real-time push writes to the CRM), {@code outbound} (PenguinMails to CRM only: nothing is read from the CRM) or
 * {@code both} (the default).
 */
public enum SyncDirection {
    INBOUND, OUTBOUND, BOTH;

    /** The connection setting that holds it. */
    public static final String SETTING = "direction";

    /** As stored and given: {@code inbound}, {@code outbound}, {@code both}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether CRM changes are read into PenguinMails. */
    public boolean inbound() {
        return this != OUTBOUND;
    }

    /** Whether PenguinMails writes (contacts, activities, scores) to the CRM. */
    public boolean outbound() {
        return this != INBOUND;
    }

    /** The values a person may give. */
    public static String[] allowed() {
        return Arrays.stream(values()).map(SyncDirection::value).toArray(String[]::new);
    }

    /** A connection's direction: its setting, else both (a value no rule let in reads as both). */
    public static SyncDirection of(Map<String, String> settings) {
        String set = settings.getOrDefault(SETTING, "both").strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(set)).findFirst().orElse(BOTH);
    }
}
