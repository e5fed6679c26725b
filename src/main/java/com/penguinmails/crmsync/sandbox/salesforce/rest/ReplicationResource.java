package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.DeletedEntry;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.Replication;
import com.penguinmails.crmsync.sandbox.salesforce.model.ReplicationException;
import com.penguinmails.crmsync.sandbox.salesforce.model.Schema;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET sobjects/{object}/updated/?start=&end=} ({@code {ids, latestDateCovered}}) and {@code deleted/}
 * ({@code {deletedRecords[{id, deletedDate}], earliestDateAvailable, latestDateCovered}}), with the same window rules
 * as the SOAP calls.
 */
public final class ReplicationResource {

    private final Schema schema;
    private final Replication replication;

    public ReplicationResource(Schema schema, Replication replication) {
        this.schema = schema;
        this.replication = replication;
    }

    public SandboxResponse updated(SandboxRequest request) {
        return window(request, (object, start, end) -> {
            Replication.Updated updated = replication.updated(object, start, end);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ids", updated.ids());
            body.put("latestDateCovered", RestDates.format(updated.latestDateCovered()));
            return SandboxResponse.json(200, body);
        });
    }

    public SandboxResponse deleted(SandboxRequest request) {
        return window(request, (object, start, end) -> {
            Replication.Deleted deleted = replication.deleted(object, start, end);
            List<Map<String, String>> records = new java.util.ArrayList<>();
            for (DeletedEntry entry : deleted.records()) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("id", entry.id());
                record.put("deletedDate", RestDates.format(entry.deletedDate()));
                records.add(record);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("deletedRecords", records);
            body.put("earliestDateAvailable", RestDates.format(deleted.earliestDateAvailable()));
            body.put("latestDateCovered", RestDates.format(deleted.latestDateCovered()));
            return SandboxResponse.json(200, body);
        });
    }

    private interface WindowCall {
        SandboxResponse run(ObjectDef object, Instant start, Instant end);
    }

    private SandboxResponse window(SandboxRequest request, WindowCall call) {
        Optional<ObjectDef> object = schema.object(request.pathParam("object"));
        if (object.isEmpty()) {
            return RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        Optional<Instant> start = request.queryParam("start").flatMap(RestDates::parse);
        Optional<Instant> end = request.queryParam("end").flatMap(RestDates::parse);
        if (start.isEmpty() || end.isEmpty()) {
            String missing = start.isEmpty() ? "start" : "end";
            return RestErrors.error(400, "MALFORMED_QUERY", "Missing or invalid required parameter: " + missing
                    + " (an ISO 8601 date-time such as 2026-11-02T10:00:00+00:00)");
        }
        try {
            return call.run(object.get(), start.get(), end.get());
        } catch (ReplicationException e) {
            return RestErrors.error(400, e.code(), e.getMessage());
        }
    }
}
