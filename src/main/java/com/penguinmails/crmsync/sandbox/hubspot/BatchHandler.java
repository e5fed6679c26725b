package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CRM v3 batch endpoints ({@code read, create, update, upsert, archive}), at most 100 inputs each. A batch is
 * validated whole before any of it is written (an invalid value or a duplicate id refuses the batch with a 400, an
 * existing email on create with a 409); ids that do not exist are reported per input in a 207 multi-status body
 * while the others are applied.
 */
final class BatchHandler {

    static final int MAX_INPUTS = 100;

    private final Portal portal;
    private final ObjectWrites writes;
    private final ObjectJson json;

    BatchHandler(Portal portal, ObjectWrites writes, ObjectJson json) {
        this.portal = portal;
        this.writes = writes;
        this.json = json;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        server.route("POST", "/crm/v3/objects/{objectType}/batch/read", gate.standard(this::read));
        server.route("POST", "/crm/v3/objects/{objectType}/batch/create", gate.standard(this::create));
        server.route("POST", "/crm/v3/objects/{objectType}/batch/update", gate.standard(this::update));
        server.route("POST", "/crm/v3/objects/{objectType}/batch/upsert", gate.standard(this::upsert));
        server.route("POST", "/crm/v3/objects/{objectType}/batch/archive", gate.standard(this::archive));
    }

    /** The {@code inputs} of a batch body, refused when there are more than HubSpot accepts. */
    static List<Map<String, Object>> inputs(Map<String, Object> body) {
        if (body.get("inputs") == null) {
            throw ApiError.validation("Invalid input JSON: missing required field 'inputs'");
        }
        List<Map<String, Object>> inputs = JsonBody.objects(body, "inputs");
        if (inputs.size() > MAX_INPUTS) {
            throw ApiError.validation("Too many inputs: " + inputs.size() + " were given, the limit is " + MAX_INPUTS
                    + ".", Map.of("inputs", List.of(Integer.toString(inputs.size()))));
        }
        return inputs;
    }

    private SandboxResponse read(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        Map<String, Object> body = JsonBody.object(request);
        List<Map<String, Object>> inputs = inputs(body);
        List<String> properties = JsonBody.strings(body, "properties");
        List<String> history = JsonBody.strings(body, "propertiesWithHistory");
        String idProperty = JsonBody.optionalString(body, "idProperty");
        boolean archived = QueryParams.flag(request, "archived");
        Instant started = portal.clock().now();
        return portal.read(() -> {
            if (idProperty != null) {
                ObjectsHandler.requireUnique(portal, type, idProperty);
            }
            List<Map<String, Object>> results = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> missing = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                String id = JsonBody.requiredString(input, "id");
                Optional<StoredObject> found = lookup(type, id, idProperty, archived);
                if (found.isEmpty()) {
                    missing.add(id);
                } else if (seen.add(found.get().idText())) {
                    results.add(json.render(found.get(), properties, history, List.of()));
                }
            }
            return batchResponse(200, results, notFoundErrors(type, missing), started);
        });
    }

    private SandboxResponse create(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        List<Map<String, Object>> inputs = inputs(JsonBody.object(request));
        List<Map<String, String>> values = new ArrayList<>();
        for (Map<String, Object> input : inputs) {
            values.add(JsonBody.propertyValues(input));
        }
        Instant started = portal.clock().now();
        return portal.write(() -> {
            List<Map<String, String>> checked = new ArrayList<>();
            List<List<ObjectWrites.InlineAssociation>> associations = new ArrayList<>();
            Set<String> emails = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                Map<String, String> one = writes.checkCreate(type, values.get(i));
                String email = one.getOrDefault("email", "");
                if (type == ObjectType.CONTACTS && !email.isEmpty() && !emails.add(email)) {
                    throw ApiError.validation("Duplicate IDs found in batch input: [" + email + "]. IDs must be unique",
                            Map.of("ids", List.of(email)));
                }
                checked.add(one);
                associations.add(writes.checkAssociations(type, JsonBody.objects(inputs.get(i), "associations")));
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < checked.size(); i++) {
                StoredObject created = writes.create(type, checked.get(i), associations.get(i));
                results.add(json.render(created, List.copyOf(values.get(i).keySet())));
            }
            return batchResponse(201, results, List.of(), started);
        });
    }

    private SandboxResponse update(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        List<Map<String, Object>> inputs = inputs(JsonBody.object(request));
        Instant started = portal.clock().now();
        return portal.write(() -> {
            requireDistinctIds(inputs);
            List<StoredObject> targets = new ArrayList<>();
            List<Map<String, String>> checked = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                String id = JsonBody.requiredString(input, "id");
                String idProperty = JsonBody.optionalString(input, "idProperty");
                if (idProperty != null) {
                    ObjectsHandler.requireUnique(portal, type, idProperty);
                }
                Map<String, String> values = JsonBody.propertyValues(input);
                Optional<StoredObject> found = lookup(type, id, idProperty, false);
                if (found.isEmpty()) {
                    portal.validator().validate(type, values);
                    missing.add(id);
                    continue;
                }
                targets.add(found.get());
                checked.add(writes.checkUpdate(found.get(), values));
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                StoredObject updated = writes.update(targets.get(i), checked.get(i));
                results.add(json.render(updated, List.copyOf(checked.get(i).keySet())));
            }
            return batchResponse(200, results, notFoundErrors(type, missing), started);
        });
    }

    private SandboxResponse upsert(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        List<Map<String, Object>> inputs = inputs(JsonBody.object(request));
        Instant started = portal.clock().now();
        return portal.write(() -> {
            requireDistinctIds(inputs);
            List<Runnable> plan = new ArrayList<>();
            List<Map<String, Object>> results = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                String id = JsonBody.requiredString(input, "id");
                String idProperty = JsonBody.optionalString(input, "idProperty");
                boolean byObjectId = idProperty == null || idProperty.isEmpty() || "hs_object_id".equals(idProperty);
                if (!byObjectId) {
                    ObjectsHandler.requireUnique(portal, type, idProperty);
                }
                Map<String, String> values = JsonBody.propertyValues(input);
                Optional<StoredObject> found = lookup(type, id, byObjectId ? null : idProperty, false);
                if (found.isPresent()) {
                    Map<String, String> checked = writes.checkUpdate(found.get(), values);
                    plan.add(() -> results.add(upserted(writes.update(found.get(), checked), checked, false)));
                } else if (byObjectId) {
                    portal.validator().validate(type, values);
                    missing.add(id);
                } else {
                    Map<String, String> withId = new LinkedHashMap<>(values);
                    withId.put(idProperty, id);
                    Map<String, String> checked = writes.checkCreate(type, withId);
                    plan.add(() -> results.add(upserted(writes.create(type, checked, List.of()), checked, true)));
                }
            }
            plan.forEach(Runnable::run);
            return batchResponse(200, results, notFoundErrors(type, missing), started);
        });
    }

    private Map<String, Object> upserted(StoredObject object, Map<String, String> written, boolean created) {
        Map<String, Object> result = new LinkedHashMap<>(json.render(object, List.copyOf(written.keySet())));
        result.put("new", created);
        return result;
    }

    private SandboxResponse archive(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        List<Map<String, Object>> inputs = inputs(JsonBody.object(request));
        return portal.write(() -> {
            for (Map<String, Object> input : inputs) {
                String id = JsonBody.requiredString(input, "id");
                ObjectStore.parseId(id).flatMap(portal.store(type)::live).ifPresent(writes::archive);
            }
            return SandboxResponse.empty(204);
        });
    }

    private Optional<StoredObject> lookup(ObjectType type, String id, String idProperty, boolean archived) {
        ObjectStore store = portal.store(type);
        if (archived) {
            return ObjectStore.parseId(id).flatMap(store::any).filter(StoredObject::archived);
        }
        if (idProperty == null || idProperty.isEmpty()) {
            return ObjectStore.parseId(id).flatMap(store::live);
        }
        return store.liveBy(idProperty, id);
    }

    private static void requireDistinctIds(List<Map<String, Object>> inputs) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (Map<String, Object> input : inputs) {
            String id = JsonBody.requiredString(input, "id");
            if (!seen.add(id)) {
                duplicates.add(id);
            }
        }
        if (!duplicates.isEmpty()) {
            throw ApiError.validation("Duplicate IDs found in batch input: " + duplicates + ". IDs must be unique",
                    Map.of("ids", List.copyOf(duplicates)));
        }
    }

    private static List<ApiError> notFoundErrors(ObjectType type, List<String> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of(new ApiError(404, "OBJECT_NOT_FOUND", "Could not get some " + type.errorName()
                + " objects, they may be deleted or not exist. Check that ids are valid.", null,
                Map.of("ids", List.copyOf(missing)), List.of()));
    }

    /** {@code {status, results, startedAt, completedAt}}, or the 207 form with {@code numErrors} and {@code errors}. */
    private SandboxResponse batchResponse(int status, List<Map<String, Object>> results, List<ApiError> errors,
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
