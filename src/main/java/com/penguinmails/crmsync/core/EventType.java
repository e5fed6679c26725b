package com.penguinmails.crmsync.core;

import java.util.Locale;

/** What happened to an e-mail PenguinMails sent: the {@code event_type} of an engagement event. */
public enum EventType {
    SENT, OPEN, CLICK, REPLY, BOUNCE, UNSUBSCRIBE;

    /** The value stored in {@code penguinmails.engagement_events.event_type}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
