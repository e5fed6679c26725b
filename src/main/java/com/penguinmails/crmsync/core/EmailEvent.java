package com.penguinmails.crmsync.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code penguinmails.engagement_events}, without its tenant, contact and message.
 *
 * @param url    the link clicked (clicks only)
 * @param reason a bounce's reason as the platform recorded it, when it did
 */
public record EmailEvent(long id, EventType type, Instant occurredAt, @Nullable String url, @Nullable String reason) {
}
