package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.model.MergeOutcome;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.model.SaveError;
import com.penguinmails.crmsync.sandbox.salesforce.model.SaveOutcome;
import com.penguinmails.crmsync.sandbox.salesforce.model.WriteRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code create}, {@code update}, {@code upsert} (by external id or Id), {@code delete} and {@code merge}: at most 200
 * records per call (more fails the call with EXCEEDED_ID_LIMIT), one SaveResult / UpsertResult / DeleteResult per
 * record in request order, with per-record errors such as REQUIRED_FIELD_MISSING or DUPLICATE_VALUE.
 */
final class WriteOperations {

    static final int MAX_RECORDS = 200;

    private final RecordStore store;
    private final SObjectCodec codec;

    WriteOperations(RecordStore store, SObjectCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    void create(SoapCall call, SoapXml body) {
        List<WriteRequest> requests = read(call);
        body.open("createResponse");
        for (WriteRequest request : requests) {
            saveResult(body, store.create(request), false);
        }
        body.close("createResponse");
    }

    void update(SoapCall call, SoapXml body) {
        List<WriteRequest> requests = read(call);
        body.open("updateResponse");
        for (WriteRequest request : requests) {
            saveResult(body, store.update(request), false);
        }
        body.close("updateResponse");
    }

    void upsert(SoapCall call, SoapXml body) {
        String externalIdField = call.argument("externalIDFieldName").orElse("").trim();
        List<WriteRequest> requests = read(call);
        Map<String, List<Integer>> byObject = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byObject.computeIfAbsent(codec.object(requests.get(i).object()).name(), k -> new ArrayList<>()).add(i);
        }
        SaveOutcome[] outcomes = new SaveOutcome[requests.size()];
        byObject.forEach((object, indexes) -> {
            List<SaveOutcome> results = store.upsert(object, externalIdField,
                    indexes.stream().map(requests::get).toList());
            for (int i = 0; i < indexes.size(); i++) {
                outcomes[indexes.get(i)] = results.get(i);
            }
        });
        body.open("upsertResponse");
        for (SaveOutcome outcome : outcomes) {
            saveResult(body, outcome, true);
        }
        body.close("upsertResponse");
    }

    void delete(SoapCall call, SoapXml body) {
        List<Element> ids = call.arguments("ids");
        limit(ids.size());
        body.open("deleteResponse");
        for (Element id : ids) {
            saveResult(body, store.delete(id.getTextContent().trim()), false);
        }
        body.close("deleteResponse");
    }

    void merge(SoapCall call, SoapXml body) {
        List<Element> mergeRequests = call.arguments("request");
        if (mergeRequests.size() > 200) {
            limit(mergeRequests.size());
        }
        body.open("mergeResponse");
        for (Element request : mergeRequests) {
            Element master = SoapCall.child(request, "masterRecord");
            if (master == null) {
                throw SoapFault.unexpected("INVALID_ARGUMENT", "MergeRequest.masterRecord is required");
            }
            WriteRequest masterChanges = codec.read(List.of(master)).get(0);
            List<String> losers = SoapCall.children(request).stream()
                    .filter(e -> "recordToMergeIds".equals(e.getLocalName()))
                    .map(e -> e.getTextContent().trim()).toList();
            MergeOutcome outcome = store.merge(masterChanges, losers);
            body.open("result");
            errors(body, outcome.errors());
            body.element("id", outcome.id());
            outcome.mergedRecordIds().forEach(id -> body.element("mergedRecordIds", id));
            body.element("success", outcome.success());
            outcome.updatedRelatedIds().forEach(id -> body.element("updatedRelatedIds", id));
            body.close("result");
        }
        body.close("mergeResponse");
    }

    private List<WriteRequest> read(SoapCall call) {
        List<Element> sObjects = call.arguments("sObjects");
        limit(sObjects.size());
        List<WriteRequest> requests = codec.read(sObjects);
        for (WriteRequest request : requests) {
            ObjectDef object = codec.object(request.object());
            request.values().keySet().forEach(field -> object.field(field).orElseThrow());
        }
        return requests;
    }

    private static void limit(int size) {
        if (size > MAX_RECORDS) {
            throw SoapFault.unexpected("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than "
                    + MAX_RECORDS + " records into this call");
        }
    }

    private static void saveResult(SoapXml body, SaveOutcome outcome, boolean upsert) {
        body.open("result");
        if (upsert) {
            body.element("created", outcome.created());
        }
        errors(body, outcome.errors());
        body.element("id", outcome.id());
        body.element("success", outcome.success());
        body.close("result");
    }

    private static void errors(SoapXml body, List<SaveError> errors) {
        for (SaveError error : errors) {
            body.open("errors");
            error.fields().forEach(field -> body.element("fields", field));
            body.element("message", error.message()).element("statusCode", error.statusCode()).close("errors");
        }
    }
}
