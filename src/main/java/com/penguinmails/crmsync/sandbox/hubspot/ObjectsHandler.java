package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The basic CRM v3 object endpoints: list (id order, {@code after} cursor, {@code limit} up to 100, archived lists),
 * create, read by id or unique property, update, archive.
 */
final class ObjectsHandler {

    static final int MAX_LIST_LIMIT = 100;

    private final Portal portal;
    private final ObjectWrites writes;
    private final ObjectJson json;

    ObjectsHandler(Portal portal, ObjectWrites writes, ObjectJson json) {
        this.portal = portal;
        this.writes = writes;
        this.json = json;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        server.route("GET", "/crm/v3/objects/{objectType}", gate.standard(this::list));
        server.route("POST", "/crm/v3/objects/{objectType}", gate.standard(this::create));
        server.route("GET", "/crm/v3/objects/{objectType}/{objectId}", gate.standard(this::read));
        server.route("PATCH", "/crm/v3/objects/{objectType}/{objectId}", gate.standard(this::update));
        server.route("DELETE", "/crm/v3/objects/{objectType}/{objectId}", gate.standard(this::archive));
    }

    private SandboxResponse list(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        int limit = QueryParams.limit(request, 10, MAX_LIST_LIMIT);
        long from = request.queryParam("after").map(ObjectsHandler::cursor).orElse(0L);
        boolean archived = QueryParams.flag(request, "archived");
        List<String> properties = QueryParams.list(request, "properties");
        List<String> history = QueryParams.list(request, "propertiesWithHistory");
        List<String> associations = QueryParams.list(request, "associations");
        return portal.read(() -> {
            List<StoredObject> page = portal.store(type).page(from, limit, archived);
            List<Map<String, Object>> results = new ArrayList<>();
            for (StoredObject object : page.subList(0, Math.min(limit, page.size()))) {
                results.add(json.render(object, properties, history, associations));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("results", results);
            if (page.size() > limit) {
                String after = Long.toString(page.get(limit).id());
                body.put("paging", Map.of("next", Map.of("after", after,
                        "link", "?after=" + after)));
            }
            return SandboxResponse.json(200, body);
        });
    }

    private static long cursor(String after) {
        return ObjectStore.parseId(after)
                .orElseThrow(() -> ApiError.validation("Invalid after cursor: " + after));
    }

    private SandboxResponse create(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        Map<String, Object> body = JsonBody.object(request);
        Map<String, String> values = JsonBody.propertyValues(body);
        List<Map<String, Object>> associations = JsonBody.objects(body, "associations");
        return portal.write(() -> {
            Map<String, String> checked = writes.checkCreate(type, values);
            StoredObject created = writes.create(type, checked, writes.checkAssociations(type, associations));
            return SandboxResponse.json(201, json.render(created, List.copyOf(values.keySet())));
        });
    }

    private SandboxResponse read(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        String id = request.pathParam("objectId");
        String idProperty = request.queryParam("idProperty").orElse(null);
        boolean archived = QueryParams.flag(request, "archived");
        return portal.read(() -> {
            StoredObject object = find(type, id, idProperty, archived).orElseThrow(() -> notFound(id));
            return SandboxResponse.json(200, json.render(object, QueryParams.list(request, "properties"),
                    QueryParams.list(request, "propertiesWithHistory"), QueryParams.list(request, "associations")));
        });
    }

    private SandboxResponse update(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        String id = request.pathParam("objectId");
        String idProperty = request.queryParam("idProperty").orElse(null);
        Map<String, String> values = JsonBody.propertyValues(JsonBody.object(request));
        return portal.write(() -> {
            StoredObject existing = find(type, id, idProperty, false).orElseThrow(() -> notFound(id));
            StoredObject updated = writes.update(existing, writes.checkUpdate(existing, values));
            return SandboxResponse.json(200, json.render(updated, List.copyOf(values.keySet())));
        });
    }

    private SandboxResponse archive(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        String id = request.pathParam("objectId");
        return portal.write(() -> {
            ObjectStore.parseId(id).flatMap(portal.store(type)::live).ifPresent(writes::archive);
            return SandboxResponse.empty(204);
        });
    }

    /** A record by id (following merges) or by {@code idProperty}; archived ones only when asked for. */
    private Optional<StoredObject> find(ObjectType type, String id, String idProperty, boolean archived) {
        ObjectStore store = portal.store(type);
        if (archived) {
            return ObjectStore.parseId(id).flatMap(store::any).filter(StoredObject::archived);
        }
        if (idProperty == null || idProperty.isEmpty() || "hs_object_id".equals(idProperty)) {
            return ObjectStore.parseId(id).flatMap(store::live);
        }
        requireUnique(portal, type, idProperty);
        return store.liveBy(idProperty, id);
    }

    /** HubSpot only looks records up by unique properties ({@code email} on contacts, unique custom properties). */
    static void requireUnique(Portal portal, ObjectType type, String idProperty) {
        boolean unique = "hs_object_id".equals(idProperty)
                || (type == ObjectType.CONTACTS && "email".equals(idProperty))
                || portal.catalog().find(type, idProperty).map(PropertyDefinition::hasUniqueValue).orElse(false);
        if (!unique) {
            throw ApiError.validation("Unable to perform update/upsert by non-unique " + type.typeId()
                    + " property " + idProperty);
        }
    }

    static ApiError notFound(String id) {
        return ApiError.notFound("Object not found.  objectId are usually numeric.", Map.of("id", List.of(id)));
    }
}
