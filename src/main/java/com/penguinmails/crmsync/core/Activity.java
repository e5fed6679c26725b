package com.penguinmails.crmsync.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A PenguinMails e-mail (or one event of it) to log on a CRM timeline: a Salesforce Task, a HubSpot email engagement,
 * a Pipedrive activity. {@code key} is stable (message id, or event id when events are logged one by one) and makes
 * logging idempotent: logging the same key twice updates, never duplicates.
 *
 * @param crmActivityId the CRM id from an earlier log of this key, when there was one
 */
public record Activity(String key, ObjectType whoType, String whoCrmId, EventType latestEvent, Instant occurredAt,
                       String subject, String description, @Nullable String crmActivityId) {
}
