package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Associations v4: {@code /crm/v4/associations/{from}/{to}/batch/create|read|archive|associate/default} and
 * {@code GET /crm/v4/objects/{type}/{id}/associations/{toType}}. Type ids must belong to the pair; records that do not
 * exist, or have no associations on read, are reported per input in a 207.
 */
final class AssociationsHandler {

    private final Portal portal;

    AssociationsHandler(Portal portal) {
        this.portal = portal;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        String base = "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/";
        server.route("POST", base + "create", gate.standard(this::create));
        server.route("POST", base + "read", gate.standard(this::read));
        server.route("POST", base + "archive", gate.standard(this::archive));
        server.route("POST", base + "associate/default", gate.standard(this::associateDefault));
        server.route("GET", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}",
                gate.standard(this::list));
    }

    private record Pair(ObjectType from, ObjectType to) {
        static Pair of(SandboxRequest request) {
            return new Pair(ObjectType.require(request.pathParam("fromObjectType")),
                    ObjectType.require(request.pathParam("toObjectType")));
        }
    }

    private SandboxResponse create(SandboxRequest request) {
        Pair pair = Pair.of(request);
        List<Map<String, Object>> inputs = BatchHandler.inputs(JsonBody.object(request));
        Instant started = portal.clock().now();
        return portal.write(() -> {
            List<AssociationTypes.Type[]> types = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                List<AssociationTypes.Type> resolved = new ArrayList<>();
                for (Map<String, Object> spec : JsonBody.objects(input, "types")) {
                    String category = JsonBody.requiredString(spec, "associationCategory");
                    Integer typeId = JsonBody.optionalInt(spec, "associationTypeId");
                    if (!"HUBSPOT_DEFINED".equals(category) || typeId == null) {
                        throw ApiError.validation("Invalid association type: " + category + " " + typeId);
                    }
                    resolved.add(AssociationTypes.require(pair.from(), pair.to(), typeId));
                }
                if (resolved.isEmpty()) {
                    throw ApiError.validation("Invalid input JSON: types must not be empty");
                }
                types.add(resolved.toArray(AssociationTypes.Type[]::new));
            }
            List<Map<String, Object>> results = new ArrayList<>();
            List<ApiError> errors = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Long from = existing(pair.from(), idOf(inputs.get(i), "from"), errors);
                Long to = existing(pair.to(), idOf(inputs.get(i), "to"), errors);
                if (from == null || to == null) {
                    continue;
                }
                List<Map<String, Object>> labels = new ArrayList<>();
                for (AssociationTypes.Type type : types.get(i)) {
                    portal.associate(type, from, to);
                    if (type.primary()) {
                        labels.add(Map.of("label", "Primary"));
                    }
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("fromObjectTypeId", pair.from().typeId());
                result.put("fromObjectId", from);
                result.put("toObjectTypeId", pair.to().typeId());
                result.put("toObjectId", to);
                result.put("labels", labels.stream().map(l -> l.get("label")).toList());
                results.add(result);
            }
            return batch(201, results, errors, started);
        });
    }

    private SandboxResponse read(SandboxRequest request) {
        Pair pair = Pair.of(request);
        List<Map<String, Object>> inputs = BatchHandler.inputs(JsonBody.object(request));
        Instant started = portal.clock().now();
        return portal.read(() -> {
            List<Map<String, Object>> results = new ArrayList<>();
            List<ApiError> errors = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                String id = JsonBody.requiredString(input, "id");
                Long from = ObjectStore.parseId(id).flatMap(portal.store(pair.from())::live).map(StoredObject::id)
                        .orElse(null);
                Map<Long, Set<Integer>> links = from == null ? Map.of()
                        : portal.associations().of(pair.from(), from, pair.to());
                if (links.isEmpty()) {
                    errors.add(new ApiError(404, "OBJECT_NOT_FOUND", "No " + pair.to().errorName().toLowerCase(Locale.ROOT)
                            + " is associated with " + pair.from().errorName().toLowerCase(Locale.ROOT) + " " + id + ".",
                            "crm.associations.NO_ASSOCIATIONS_FOUND", Map.of("fromObjectId", List.of(id)),
                            List.of()));
                    continue;
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("from", Map.of("id", id));
                result.put("to", targets(pair, links));
                results.add(result);
            }
            return batch(200, results, errors, started);
        });
    }

    private SandboxResponse list(SandboxRequest request) {
        ObjectType from = ObjectType.require(request.pathParam("objectType"));
        ObjectType to = ObjectType.require(request.pathParam("toObjectType"));
        String id = request.pathParam("objectId");
        return portal.read(() -> {
            StoredObject object = ObjectStore.parseId(id).flatMap(portal.store(from)::live)
                    .orElseThrow(() -> ObjectsHandler.notFound(id));
            return SandboxResponse.json(200, Map.of("results",
                    targets(new Pair(from, to), portal.associations().of(from, object.id(), to))));
        });
    }

    private static List<Map<String, Object>> targets(Pair pair, Map<Long, Set<Integer>> links) {
        List<Map<String, Object>> targets = new ArrayList<>();
        links.forEach((toId, typeIds) -> {
            List<Map<String, Object>> types = new ArrayList<>();
            for (int typeId : typeIds) {
                var type = AssociationTypes.find(pair.from(), pair.to(), typeId);
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("category", "HUBSPOT_DEFINED");
                spec.put("typeId", typeId);
                spec.put("label", type.isPresent() && type.get().primary() ? "Primary" : null);
                types.add(spec);
            }
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("toObjectId", toId);
            target.put("associationTypes", types);
            targets.add(target);
        });
        return targets;
    }

    private SandboxResponse archive(SandboxRequest request) {
        Pair pair = Pair.of(request);
        List<Map<String, Object>> inputs = BatchHandler.inputs(JsonBody.object(request));
        return portal.write(() -> {
            for (Map<String, Object> input : inputs) {
                var from = ObjectStore.parseId(idOf(input, "from"));
                for (Map<String, Object> to : JsonBody.objects(input, "to")) {
                    var toId = ObjectStore.parseId(JsonBody.requiredString(to, "id"));
                    if (from.isPresent() && toId.isPresent()) {
                        portal.dissociate(pair.from(), from.get(), pair.to(), toId.get());
                    }
                }
            }
            return SandboxResponse.empty(204);
        });
    }

    private SandboxResponse associateDefault(SandboxRequest request) {
        Pair pair = Pair.of(request);
        AssociationTypes.Type type = AssociationTypes.defaultType(pair.from(), pair.to()).orElseThrow(() ->
                ApiError.validation("There is no default association type between " + pair.from().path() + " and "
                        + pair.to().path() + "."));
        List<Map<String, Object>> inputs = BatchHandler.inputs(JsonBody.object(request));
        Instant started = portal.clock().now();
        return portal.write(() -> {
            List<Map<String, Object>> results = new ArrayList<>();
            List<ApiError> errors = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                Long from = existing(pair.from(), idOf(input, "from"), errors);
                Long to = existing(pair.to(), idOf(input, "to"), errors);
                if (from == null || to == null) {
                    continue;
                }
                portal.associate(type, from, to);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("from", Map.of("id", Long.toString(from)));
                result.put("to", Map.of("id", Long.toString(to)));
                result.put("associationSpec", Map.of("associationCategory", "HUBSPOT_DEFINED",
                        "associationTypeId", type.typeId()));
                results.add(result);
            }
            return batch(200, results, errors, started);
        });
    }

    private static String idOf(Map<String, Object> input, String side) {
        return JsonBody.requiredString(JsonBody.requiredObject(input, side), "id");
    }

    private @Nullable Long existing(ObjectType type, String id, List<ApiError> errors) {
        var found = ObjectStore.parseId(id).flatMap(portal.store(type)::live);
        if (found.isEmpty()) {
            errors.add(new ApiError(400, "VALIDATION_ERROR", type.errorName() + " " + id + " does not exist.",
                    "crm.associations.INVALID_OBJECT_IDS", Map.of("objectId", List.of(id)), List.of()));
            return null;
        }
        return found.get().id();
    }

    private SandboxResponse batch(int status, List<Map<String, Object>> results, List<ApiError> errors,
                                  Instant started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "COMPLETE");
        body.put("results", results);
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size());
            body.put("errors", errors.stream().map(ApiError::asBatchError).toList());
        }
        body.put("startedAt", Instants.format(started));
        body.put("completedAt", Instants.format(portal.clock().now()));
        return SandboxResponse.json(errors.isEmpty() ? status : 207, body);
    }
}
