package com.penguinmails.crmsync.core;

import java.time.Instant;

/** One kind of engagement with one e-mail: the latest time a contact did {@code type} to message {@code messageId}. */
public record Engagement(String messageId, EventType type, Instant occurredAt) {
}
