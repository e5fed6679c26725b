package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the portal's changes into the webhook events of the sandbox app's subscriptions ({@link #SUBSCRIPTIONS}:
 * every contact and company event type), as HubSpot does: one {@code creation}, {@code deletion}, {@code restore} or
 * {@code merge} per record, one {@code propertyChange} per changed property (not the modification dates, which
 * cannot be subscribed to), {@code privacyDeletion} for a GDPR delete, and a contact-company
 * {@code associationChange} announced from both sides. Only changes made by an API request or a user action
 * ({@link ChangeOrigin}) are announced; seeding is not.
 */
final class WebhookEvents implements PortalChanges {

    /** The subscriptions of the sandbox app, in the order their ids are numbered. */
    static final List<String> SUBSCRIPTIONS = List.of("contact.creation", "contact.deletion",
            "contact.propertyChange", "contact.merge", "contact.restore", "contact.associationChange",
            "contact.privacyDeletion", "company.creation", "company.deletion", "company.propertyChange",
            "company.merge", "company.restore", "company.associationChange");
    private static final long FIRST_SUBSCRIPTION_ID = 2_400_000;
    private static final Set<ObjectType> ANNOUNCED = Set.of(ObjectType.CONTACTS, ObjectType.COMPANIES);
    private static final Set<String> UNSUBSCRIBABLE = Set.of("hs_object_id", "createdate", "hs_createdate",
            "lastmodifieddate", "hs_lastmodifieddate");

    private final long portalId;
    private final long appId;
    private final Consumer<WebhookEvent> sink;
    private final AtomicLong nextEventId;

    WebhookEvents(long portalId, long appId, long seed, Consumer<WebhookEvent> sink) {
        this.portalId = portalId;
        this.appId = appId;
        this.sink = sink;
        this.nextEventId = new AtomicLong(3_000_000_000L + Math.floorMod(seed, 1_000_000L) * 1_000);
    }

    @Override
    public void saved(@Nullable StoredObject previous, StoredObject current) {
        if (previous == null && !current.archived()) {
            emit(current.type(), "creation", current.id(), current.createdAt(), Map.of("changeFlag", "CREATED"));
        } else if (previous != null && !previous.archived() && current.archived() && current.mergedInto() == null) {
            emit(current.type(), "deletion", current.id(), current.updatedAt(), Map.of("changeFlag", "DELETED"));
        } else if (previous != null && previous.archived() && !current.archived()) {
            emit(current.type(), "restore", current.id(), current.updatedAt(), Map.of());
        } else if (previous != null && !previous.archived() && !current.archived()) {
            Set<String> names = new TreeSet<>(previous.properties().keySet());
            names.addAll(current.properties().keySet());
            for (String name : names) {
                String before = previous.properties().getOrDefault(name, "");
                String after = current.properties().getOrDefault(name, "");
                if (!before.equals(after) && !UNSUBSCRIBABLE.contains(name)) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("propertyName", name);
                    fields.put("propertyValue", after);
                    emit(current.type(), "propertyChange", current.id(), current.updatedAt(), fields);
                }
            }
        }
    }

    @Override
    public void purged(StoredObject removed, Instant at) {
        emit(removed.type(), removed.type() == ObjectType.CONTACTS ? "privacyDeletion" : "deletion", removed.id(), at,
                Map.of());
    }

    @Override
    public void merged(ObjectType type, long primaryId, long mergedId, int propertiesMoved, Instant at) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("primaryObjectId", primaryId);
        fields.put("mergedObjectIds", List.of(mergedId));
        fields.put("newObjectId", primaryId); // the sandbox keeps the primary's id, as HubSpot long did
        fields.put("numberOfPropertiesMoved", propertiesMoved);
        emit(type, "merge", primaryId, at, fields);
    }

    @Override
    public void associationChanged(AssociationTypes.Type type, long fromId, long toId, boolean removed, Instant at) {
        announceAssociation(type.from(), fromId, type.to(), toId, type.primary(), removed, at);
        announceAssociation(type.to(), toId, type.from(), fromId, type.primary(), removed, at);
    }

    private void announceAssociation(ObjectType from, long fromId, ObjectType to, long toId, boolean primary,
                                     boolean removed, Instant at) {
        if (!ANNOUNCED.contains(to)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("associationType", from.errorName() + "_TO_" + to.errorName());
        fields.put("fromObjectId", fromId);
        fields.put("toObjectId", toId);
        fields.put("associationRemoved", removed);
        fields.put("isPrimaryAssociation", primary);
        emit(from, "associationChange", fromId, at, fields);
    }

    private void emit(ObjectType type, String kind, long objectId, Instant at, Map<String, Object> more) {
        ChangeOrigin origin = ChangeOrigin.current();
        if (origin == null || !ANNOUNCED.contains(type)) {
            return;
        }
        String subscriptionType = type.errorName().toLowerCase(Locale.ROOT) + "." + kind;
        long eventId = nextEventId.getAndIncrement();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", eventId);
        fields.put("subscriptionId", FIRST_SUBSCRIPTION_ID + SUBSCRIPTIONS.indexOf(subscriptionType));
        fields.put("portalId", portalId);
        fields.put("appId", appId);
        fields.put("occurredAt", at.toEpochMilli());
        fields.put("subscriptionType", subscriptionType);
        fields.put("objectId", objectId);
        fields.put("changeSource", origin.changeSource());
        fields.put("sourceId", origin.sourceId());
        fields.putAll(more);
        sink.accept(new WebhookEvent(eventId, fields));
    }
}
