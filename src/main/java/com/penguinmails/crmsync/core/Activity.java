package com.penguinmails.crmsync.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A PenguinMails e-mail (or one event of it) to log on a CRM timeline: a Salesforce Task, a HubSpot email engagement,
 * a Pipedrive activity. {@code key} is stable (message id, or event id when events are logged one by one) and makes
 * logging idempotent: logging the same key twice updates, never duplicates.
 *
 * @param crmActivityId the CRM id from an earlier log of this key, when there was one
 * @param kind          what the CRM record is: the e-mail itself (done), or a follow-up for the record's owner (open)
 * @param maybeLogged   false when the caller knows no earlier attempt can have logged this key (no CRM id and no
 *                      unfinished run before): a CRM without external ids (Pipedrive) then skips looking for it
 * @param companyCrmId  the CRM company of the person, when it has one: the activity shows on its timeline too
 */
public record Activity(String key, ObjectType whoType, String whoCrmId, EventType latestEvent, Instant occurredAt,
                       String subject, String description, @Nullable String crmActivityId, Kind kind,
                       boolean maybeLogged, @Nullable String companyCrmId) {

    /** What a logged activity stands for. */
    public enum Kind {
        /** The e-mail and what happened to it: a completed activity. */
        EMAIL,
        /** A task for the record's owner to follow a reply up: an open activity due when the reply came. */
        FOLLOW_UP
    }

    /** An e-mail activity. */
    public Activity(String key, ObjectType whoType, String whoCrmId, EventType latestEvent, Instant occurredAt,
                    String subject, String description, @Nullable String crmActivityId) {
        this(key, whoType, whoCrmId, latestEvent, occurredAt, subject, description, crmActivityId, Kind.EMAIL, true,
                null);
    }

    /** An activity an earlier attempt may have logged. */
    public Activity(String key, ObjectType whoType, String whoCrmId, EventType latestEvent, Instant occurredAt,
                    String subject, String description, @Nullable String crmActivityId, Kind kind) {
        this(key, whoType, whoCrmId, latestEvent, occurredAt, subject, description, crmActivityId, kind, true, null);
    }

    /** This activity with the CRM id an earlier log of its key got. */
    public Activity withCrmActivityId(@Nullable String id) {
        return new Activity(key, whoType, whoCrmId, latestEvent, occurredAt, subject, description, id, kind,
                maybeLogged, companyCrmId);
    }

    /** This activity, known never to have been logged before ({@code false}) or not. */
    public Activity withMaybeLogged(boolean maybe) {
        return new Activity(key, whoType, whoCrmId, latestEvent, occurredAt, subject, description, crmActivityId,
                kind, maybe, companyCrmId);
    }

    /** This activity, shown on the timeline of the person's CRM company too (null: none). */
    public Activity withCompany(@Nullable String crmId) {
        return new Activity(key, whoType, whoCrmId, latestEvent, occurredAt, subject, description, crmActivityId,
                kind, maybeLogged, crmId);
    }
}
