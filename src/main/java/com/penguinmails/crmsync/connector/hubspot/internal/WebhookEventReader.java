package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of a HubSpot webhook delivery (a JSON array of at most 100 events) into change notices of the
 * account ({@code portalId}) each concerns. {@code contact.*} and {@code company.*} events, and the generic
 * {@code object.*} ones of type {@code 0-1} (contact) or {@code 0-2} (company): {@code creation},
 * {@code propertyChange} and {@code restore} upsert the record; {@code deletion} and {@code privacyDeletion} delete
 * it; {@code merge} merges {@code mergedObjectIds} into the survivor ({@code newObjectId} when HubSpot made a new
 * record, else {@code primaryObjectId}); a contact-company {@code associationChange} upserts the contact (its
 * company reference is read again). Other objects and event kinds are left out. Messages name the event's position
 * and field, never a value.
 */
public final class WebhookEventReader {

    /** HubSpot sends at most 100 events a request. */
    public static final int MAX_EVENTS = 100;

    /** One notice and the HubSpot account whose event it came from. */
    public record PortalNotice(String portalId, CrmChangeNotice notice) {
    }

    private WebhookEventReader() {
    }

    /** @throws WebhookRefusedException 400 when the body is not a JSON array of events, too long, or an event lacks a field */
    public static List<PortalNotice> read(byte[] body) {
        JsonNode events;
        try {
            events = HubSpotHttp.JSON.readTree(body);
        } catch (JacksonException e) {
            throw malformed("the body is not JSON");
        }
        if (events == null || !events.isArray()) {
            throw malformed("the body is not a JSON array of events");
        }
        if (events.size() > MAX_EVENTS) {
            throw malformed("the body holds " + events.size() + " events, at most " + MAX_EVENTS + " a request");
        }
        List<PortalNotice> notices = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw malformed("event " + i + " is not a JSON object");
            }
            notice(i, event).ifPresent(notices::add);
        }
        return notices;
    }

    private static Optional<PortalNotice> notice(int index, JsonNode event) {
        String subscriptionType = text(index, event, "subscriptionType");
        int dot = subscriptionType.indexOf('.');
        String object = dot < 0 ? subscriptionType : subscriptionType.substring(0, dot).toLowerCase(Locale.ROOT);
        String kind = dot < 0 ? "" : subscriptionType.substring(dot + 1);
        String eventId = id(index, event, "eventId");
        String portalId = id(index, event, "portalId");
        Instant occurredAt = Instant.ofEpochMilli(number(index, event, "occurredAt"));
        String key = eventId + ":" + subscriptionType;
        if ("associationChange".equals(kind)) {
            return contactOfAssociation(index, event, object)
                    .map(contact -> new PortalNotice(portalId, CrmChangeNotice.upserted(key + ":" + contact,
                            ObjectType.CONTACT, contact, occurredAt)));
        }
        ObjectType type = objectType(object, event);
        if (type == null) {
            return Optional.empty();
        }
        CrmChangeNotice notice = switch (kind) {
            case "creation", "propertyChange", "restore" -> {
                String id = id(index, event, "objectId");
                yield CrmChangeNotice.upserted(key + ":" + id, type, id, occurredAt);
            }
            case "deletion", "privacyDeletion" -> {
                String id = id(index, event, "objectId");
                yield CrmChangeNotice.deleted(key + ":" + id, type, id, occurredAt);
            }
            case "merge" -> merge(index, event, key, type, occurredAt);
            default -> null;
        };
        return Optional.ofNullable(notice).map(n -> new PortalNotice(portalId, n));
    }

    private static @Nullable ObjectType objectType(String object, JsonNode event) {
        return switch (object) {
            case "contact" -> ObjectType.CONTACT;
            case "company" -> ObjectType.COMPANY;
            case "object" -> typeOfId(event.path("objectTypeId").asString(""));
            default -> null;
        };
    }

    private static @Nullable ObjectType typeOfId(String objectTypeId) {
        return switch (objectTypeId) {
            case "0-1" -> ObjectType.CONTACT;
            case "0-2" -> ObjectType.COMPANY;
            default -> null;
        };
    }

    /** The survivor is {@code newObjectId} when HubSpot created a new record (the primary is then merged too). */
    private static CrmChangeNotice merge(int index, JsonNode event, String key, ObjectType type, Instant occurredAt) {
        String primary = id(index, event, "primaryObjectId");
        String fresh = optionalId(event, "newObjectId");
        String survivor = fresh == null || "0".equals(fresh) ? primary : fresh;
        Set<String> merged = new LinkedHashSet<>();
        JsonNode ids = event.path("mergedObjectIds");
        if (!ids.isMissingNode() && !ids.isArray()) {
            throw malformed("event " + index + ": mergedObjectIds is not an array");
        }
        ids.forEach(id -> merged.add(id.asString("")));
        merged.add(primary);
        merged.remove(survivor);
        merged.remove("");
        return CrmChangeNotice.merged(key + ":" + survivor, type, survivor, List.copyOf(merged), occurredAt);
    }

    /**
     * The contact of a contact-company association event: {@code associationType} {@code CONTACT_TO_COMPANY} (its
     * from side) or {@code COMPANY_TO_CONTACT} (its to side), or the generic form's object type ids.
     */
    private static Optional<String> contactOfAssociation(int index, JsonNode event, String object) {
        String from;
        String to;
        String associationType = event.path("associationType").asString("");
        if (!associationType.isEmpty()) {
            String[] sides = associationType.toUpperCase(Locale.ROOT).split("_TO_", 2);
            if (sides.length != 2) {
                return Optional.empty();
            }
            from = sides[0];
            to = sides[1];
        } else if ("object".equals(object)) {
            from = name(typeOfId(event.path("fromObjectTypeId").asString("")));
            to = name(typeOfId(event.path("toObjectTypeId").asString("")));
        } else {
            return Optional.empty();
        }
        if ("CONTACT".equals(from) && "COMPANY".equals(to)) {
            return Optional.of(id(index, event, "fromObjectId"));
        }
        if ("COMPANY".equals(from) && "CONTACT".equals(to)) {
            return Optional.of(id(index, event, "toObjectId"));
        }
        return Optional.empty();
    }

    private static String name(@Nullable ObjectType type) {
        return type == null ? "" : type.name();
    }

    private static String text(int index, JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw malformed("event " + index + ": missing or empty " + field);
        }
        return value.asString();
    }

    /** An id HubSpot sends as a JSON number (or a numeric string), kept as text. */
    private static String id(int index, JsonNode event, String field) {
        String id = optionalId(event, field);
        if (id == null) {
            throw malformed("event " + index + ": missing or non-numeric " + field);
        }
        return id;
    }

    private static @Nullable String optionalId(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value != null && value.isString() && value.asString().matches("\\d{1,30}")) {
            return value.asString();
        }
        return null;
    }

    private static long number(int index, JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed("event " + index + ": missing or non-numeric " + field);
        }
        return value.longValue();
    }

    private static WebhookRefusedException malformed(String message) {
        return new WebhookRefusedException(400, "HubSpot webhook malformed: " + message);
    }
}
