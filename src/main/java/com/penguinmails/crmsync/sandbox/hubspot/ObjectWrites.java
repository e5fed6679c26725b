package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates, updates and archives records with HubSpot's rules: property validation, required engagement timestamps,
 * one contact per email address, inline associations, and system properties ({@code hs_object_id}, create and
 * modification dates) set from the monotonic write clock. Callers hold {@link Portal}'s write lock; the
 * {@code check*} methods validate without writing so a batch can be refused before any of it is applied.
 */
final class ObjectWrites {

    /** An inline association of a create: the target record and the type ids to link it with. */
    record InlineAssociation(ObjectType toType, long toId, List<AssociationTypes.Type> types) {
    }

    private final Portal portal;

    ObjectWrites(Portal portal) {
        this.portal = portal;
    }

    /** Validated, normalised values for a new record of {@code type}; throws HubSpot's 400 or 409 otherwise. */
    Map<String, String> checkCreate(ObjectType type, Map<String, String> values) {
        Map<String, String> normalised = portal.validator().validate(type, values);
        if (type.isEngagement() && normalised.getOrDefault("hs_timestamp", "").isEmpty()) {
            throw ApiError.validation("Error creating " + type.errorName() + ". Some required properties were not set.",
                    Map.of("properties", List.of("hs_timestamp")));
        }
        if (type == ObjectType.CONTACTS) {
            String email = normalised.getOrDefault("email", "");
            Long existing = email.isEmpty() ? null : portal.store(type).contactWithEmail(email);
            if (existing != null) {
                throw ApiError.conflict("Contact already exists. Existing ID: " + existing);
            }
        }
        return normalised;
    }

    /** Validated, normalised changes for {@code existing}; a contact cannot take another contact's email. */
    Map<String, String> checkUpdate(StoredObject existing, Map<String, String> values) {
        Map<String, String> normalised = portal.validator().validate(existing.type(), values);
        if (existing.type() == ObjectType.CONTACTS && !normalised.getOrDefault("email", "").isEmpty()) {
            Long holder = portal.store(existing.type()).contactWithEmail(normalised.get("email"));
            if (holder != null && holder != existing.id()) {
                throw ApiError.conflict("Contact already exists. Existing ID: " + holder);
            }
        }
        return normalised;
    }

    /** Parses and checks inline associations ({@code [{to:{id}, types:[{associationCategory, associationTypeId}]}]}). */
    List<InlineAssociation> checkAssociations(ObjectType fromType, List<Map<String, Object>> inputs) {
        List<InlineAssociation> result = new ArrayList<>();
        for (Map<String, Object> input : inputs) {
            String toId = JsonBody.requiredString(JsonBody.requiredObject(input, "to"), "id");
            List<Map<String, Object>> types = JsonBody.objects(input, "types");
            if (types.isEmpty()) {
                throw ApiError.validation("Invalid input JSON: associations[].types must not be empty");
            }
            ObjectType toType = null;
            List<AssociationTypes.Type> resolved = new ArrayList<>();
            for (Map<String, Object> spec : types) {
                String category = JsonBody.requiredString(spec, "associationCategory");
                Integer typeId = JsonBody.optionalInt(spec, "associationTypeId");
                if (typeId == null || !"HUBSPOT_DEFINED".equals(category)) {
                    throw ApiError.validation("Invalid association type: " + category + " " + typeId);
                }
                AssociationTypes.Type type = findFrom(fromType, typeId);
                if (toType != null && toType != type.to()) {
                    throw ApiError.validation("Association types of one target must point to the same object type");
                }
                toType = type.to();
                resolved.add(type);
            }
            long target = ObjectStore.parseId(toId).flatMap(id -> portal.store(resolved.get(0).to()).live(id))
                    .orElseThrow(() -> ApiError.validation("One or more associations are invalid: "
                            + resolved.get(0).to().errorName() + " " + toId + " does not exist.",
                            Map.of("toObjectId", List.of(toId))))
                    .id();
            result.add(new InlineAssociation(resolved.get(0).to(), target, resolved));
        }
        return result;
    }

    private static AssociationTypes.Type findFrom(ObjectType fromType, int typeId) {
        for (ObjectType to : ObjectType.values()) {
            var found = AssociationTypes.find(fromType, to, typeId);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw ApiError.validation(typeId + " is not a valid association type id for " + fromType.path() + ".",
                Map.of("associationTypeId", List.of(Integer.toString(typeId))));
    }

    /** Stores a new record whose values and associations were checked. */
    StoredObject create(ObjectType type, Map<String, String> checked, List<InlineAssociation> associations) {
        long id = portal.nextId();
        Instant at = portal.clock().next();
        StoredObject object = newRecord(type, id, checked, at, at);
        portal.save(object);
        for (InlineAssociation association : associations) {
            association.types().forEach(t -> portal.associate(t, id, association.toId()));
        }
        return object;
    }

    /** A new record as seeding and creation build it, system properties included. */
    static StoredObject newRecord(ObjectType type, long id, Map<String, String> values, Instant createdAt,
                                  Instant updatedAt) {
        Map<String, String> properties = new TreeMap<>();
        values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                properties.put(name, value);
            }
        });
        properties.put("hs_object_id", Long.toString(id));
        properties.put(type.createdProperty(), Instants.format(createdAt));
        properties.put(type.lastModifiedProperty(), Instants.format(updatedAt));
        return new StoredObject(id, type, properties, createdAt, updatedAt, null, null);
    }

    /** Applies checked changes; a write that changes no value leaves the record (and its dates) as they were. */
    StoredObject update(StoredObject existing, Map<String, String> checked) {
        Map<String, String> changes = new LinkedHashMap<>();
        checked.forEach((name, value) -> {
            String current = existing.properties().getOrDefault(name, "");
            if (!current.equals(value)) {
                changes.put(name, value);
            }
        });
        if (changes.isEmpty()) {
            return existing;
        }
        StoredObject updated = existing.withChanges(changes, portal.clock().next());
        portal.save(updated);
        return updated;
    }

    /** Archives a live record (it moves to the archived list and loses its associations). */
    void archive(StoredObject existing) {
        StoredObject archived = existing.archivedAt(portal.clock().next(), null);
        portal.save(archived);
        portal.dropAssociations(existing.type(), existing.id());
    }
}
