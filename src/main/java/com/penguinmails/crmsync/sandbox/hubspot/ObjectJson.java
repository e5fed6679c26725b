package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders a record as HubSpot's {@code SimplePublicObject}: {@code id, properties, createdAt, updatedAt, archived,
 * archivedAt?}. Without requested properties it returns the type's defaults; with them, each requested property
 * that exists (null when unset) plus {@code hs_object_id} and the create and modification dates. Unknown requested
 * names are ignored, as HubSpot ignores them.
 */
final class ObjectJson {

    private final Portal portal;

    ObjectJson(Portal portal) {
        this.portal = portal;
    }

    Map<String, Object> render(StoredObject object, List<String> requested) {
        return render(object, requested, List.of(), List.of());
    }

    Map<String, Object> render(StoredObject object, List<String> requested, List<String> withHistory,
                               List<String> associationTypes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", object.idText());
        json.put("properties", properties(object, requested));
        if (!withHistory.isEmpty()) {
            json.put("propertiesWithHistory", history(object, withHistory));
        }
        json.put("createdAt", Instants.format(object.createdAt()));
        json.put("updatedAt", Instants.format(object.updatedAt()));
        json.put("archived", object.archived());
        if (object.archivedAt() != null) {
            json.put("archivedAt", Instants.format(object.archivedAt()));
        }
        if (!associationTypes.isEmpty()) {
            Map<String, Object> associations = associations(object, associationTypes);
            if (!associations.isEmpty()) {
                json.put("associations", associations);
            }
        }
        return json;
    }

    private Map<String, @Nullable String> properties(StoredObject object, List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        if (requested.isEmpty()) {
            names.addAll(object.type().defaultProperties());
        } else {
            names.add("hs_object_id");
            names.add(object.type().createdProperty());
            names.add(object.type().lastModifiedProperty());
            for (String name : requested) {
                if (portal.catalog().find(object.type(), name).isPresent()) {
                    names.add(name);
                }
            }
        }
        Map<String, @Nullable String> values = new TreeMap<>();
        names.forEach(name -> values.put(name, object.property(name)));
        return values;
    }

    private Map<String, Object> history(StoredObject object, List<String> names) {
        Map<String, Object> history = new TreeMap<>();
        for (String name : names) {
            String value = object.property(name);
            if (value != null) {
                Map<String, Object> version = new LinkedHashMap<>();
                version.put("value", value);
                version.put("timestamp", Instants.format(object.updatedAt()));
                version.put("sourceType", "API");
                history.put(name, List.of(version));
            }
        }
        return history;
    }

    private Map<String, Object> associations(StoredObject object, List<String> toTypeNames) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String name : toTypeNames) {
            ObjectType toType = ObjectType.fromPath(name).orElse(null);
            if (toType == null) {
                continue;
            }
            List<Map<String, Object>> links = new ArrayList<>();
            portal.associations().of(object.type(), object.id(), toType).forEach((toId, typeIds) -> {
                for (int typeId : typeIds) {
                    AssociationTypes.find(object.type(), toType, typeId).ifPresent(type ->
                            links.add(Map.of("id", Long.toString(toId), "type", type.name())));
                }
            });
            if (!links.isEmpty()) {
                result.put(toType.path(), Map.of("results", links));
            }
        }
        return result;
    }
}
