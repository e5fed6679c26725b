package com.penguinmails.crmsync.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything that happened to one e-mail PenguinMails sent to a contact, up to a point in the event log: its events in
 * id order, and which of them are new to the reader that produced it.
 *
 * @param subject   the campaign's subject line, null when the e-mail belongs to no campaign
 * @param newEvents ids of the events not logged yet (the reader's range); all of them for a retried e-mail
 */
public record EmailHistory(long contactId, String messageId, @Nullable String campaignName, @Nullable String subject,
                           List<EmailEvent> events, List<Long> newEvents) {

    public EmailHistory {
        events = List.copyOf(events);
        newEvents = List.copyOf(newEvents);
    }

    /** Identifies the e-mail inside its tenant. */
    public record Key(long contactId, String messageId) {
    }

    public Key key() {
        return new Key(contactId, messageId);
    }
}
