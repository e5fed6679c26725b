package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import com.penguinmails.crmsync.sandbox.salesforce.model.SaveOutcome;
import com.penguinmails.crmsync.sandbox.salesforce.model.SfRecord;
import com.penguinmails.crmsync.sandbox.salesforce.model.WriteRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One record over REST: {@code POST sobjects/{object}} (201 {@code {id, success, errors}}), {@code GET},
 * {@code PATCH} (204) and {@code DELETE} (204) on {@code sobjects/{object}/{id}}. Write errors are 400 with
 * {@code [{message, errorCode, fields}]}; an id that is not a record of the object is 404 NOT_FOUND, a record in the
 * recycle bin 404 ENTITY_IS_DELETED.
 */
public final class SObjectResource {

    private final RecordStore store;

    public SObjectResource(RecordStore store) {
        this.store = store;
    }

    public SandboxResponse create(SandboxRequest request) {
        return withObject(request, object -> {
            Map<String, @Nullable String> values = RestBodies.values(object, request.body());
            String id = values.remove("Id");
            SaveOutcome outcome = store.create(new WriteRequest(object.name(), id, values));
            if (!outcome.success()) {
                return RestErrors.saveErrors(400, outcome.errors());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", outcome.id());
            body.put("success", true);
            body.put("errors", List.of());
            return SandboxResponse.json(201, body);
        });
    }

    public SandboxResponse get(SandboxRequest request) {
        return withRecord(request, (object, record) -> {
            Map<String, @Nullable Object> row = record.snapshot();
            Optional<String> fields = request.queryParam("fields");
            if (fields.isPresent()) {
                Map<String, @Nullable Object> selected = new LinkedHashMap<>();
                for (String name : fields.get().split(",")) {
                    String field = object.field(name.trim()).orElseThrow(() -> new RestBodies.Rejected(
                            RestErrors.error(400, "INVALID_FIELD", "No such column '" + name.trim()
                                    + "' on sobject of type " + object.name()))).name();
                    selected.put(field, row.get(field));
                }
                row = selected;
            }
            return SandboxResponse.json(200, RestRecords.json(request.pathParam("version"), object.name(), row));
        });
    }

    public SandboxResponse update(SandboxRequest request) {
        return withRecord(request, (object, record) -> {
            Map<String, @Nullable String> values = RestBodies.values(object, request.body());
            SaveOutcome outcome = store.update(new WriteRequest(object.name(), record.id(), values));
            return outcome.success() ? SandboxResponse.empty(204) : RestErrors.saveErrors(400, outcome.errors());
        });
    }

    public SandboxResponse delete(SandboxRequest request) {
        return withRecord(request, (object, record) -> {
            SaveOutcome outcome = store.delete(record.id());
            return outcome.success() ? SandboxResponse.empty(204) : RestErrors.saveErrors(400, outcome.errors());
        });
    }

    private interface ObjectCall {
        SandboxResponse run(ObjectDef object);
    }

    private interface RecordCall {
        SandboxResponse run(ObjectDef object, SfRecord record);
    }

    private SandboxResponse withObject(SandboxRequest request, ObjectCall call) {
        Optional<ObjectDef> object = store.schema().object(request.pathParam("object"));
        if (object.isEmpty()) {
            return RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        try {
            return call.run(object.get());
        } catch (RestBodies.Rejected e) {
            return e.response();
        }
    }

    private SandboxResponse withRecord(SandboxRequest request, RecordCall call) {
        return withObject(request, object -> {
            String raw = request.pathParam("id");
            Optional<SfRecord> record = SalesforceIds.parse(raw).flatMap(store::find)
                    .filter(r -> r.object() == object);
            if (record.isEmpty()) {
                return RestErrors.error(404, "NOT_FOUND", "Provided external ID field does not exist or is not "
                        + "accessible: " + raw);
            }
            if (record.get().deleted()) {
                return RestErrors.error(404, "ENTITY_IS_DELETED", "entity is deleted", List.of());
            }
            return call.run(object, record.get());
        });
    }
}
