package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.WriteResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes records with the SOAP Partner API, 200 per call (the most Salesforce takes): {@code update} by Id, or
 * {@code upsert} by an external id field. One result per record; refusals are results.
 */
final class SoapWriter {

    static final int MAX_PER_CALL = 200;

    /** One record to write: its position in the caller's list, its key, and its field values (null = clear). */
    record Row(int index, String key, Map<String, @Nullable Object> fields) {
    }

    private final SoapClient soap;

    SoapWriter(SoapClient soap) {
        this.soap = soap;
    }

    /** Updates {@code rows} keyed by Salesforce Id. */
    List<WriteResult> update(String object, List<Row> rows) {
        List<WriteResult> results = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += MAX_PER_CALL) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_PER_CALL));
            SObject[] objects = chunk.stream().map(r -> sObject(object, "Id", r)).toArray(SObject[]::new);
            SaveResult[] saved = soap.call("update " + object, c -> c.update(objects));
            for (int i = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                results.add(saved[i].isSuccess() ? WriteResult.written(row.index(), saved[i].getId(), false)
                        : Refusals.failed(row.index(), saved[i].getErrors(), row.fields()));
            }
        }
        return results;
    }

    /** Upserts {@code rows} keyed by {@code externalIdField}. */
    List<WriteResult> upsert(String object, String externalIdField, List<Row> rows) {
        List<WriteResult> results = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += MAX_PER_CALL) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_PER_CALL));
            SObject[] objects = chunk.stream().map(r -> sObject(object, externalIdField, r)).toArray(SObject[]::new);
            UpsertResult[] saved = soap.call("upsert " + object, c -> c.upsert(externalIdField, objects));
            for (int i = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                results.add(saved[i].isSuccess()
                        ? WriteResult.written(row.index(), saved[i].getId(), saved[i].isCreated())
                        : Refusals.failed(row.index(), saved[i].getErrors(), row.fields()));
            }
        }
        return results;
    }

    private static SObject sObject(String object, String keyField, Row row) {
        SObject sObject = new SObject(object);
        if (keyField.equals("Id")) {
            sObject.setId(row.key());
        } else {
            sObject.setField(keyField, row.key());
        }
        List<String> toNull = new ArrayList<>();
        row.fields().forEach((name, value) -> {
            if (name.equals("Id") || name.equals(keyField)) {
                return;
            }
            if (value == null || (value instanceof String text && text.isEmpty())) {
                toNull.add(name);
            } else {
                sObject.setField(name, Values.soap(value));
            }
        });
        if (!toNull.isEmpty()) {
            sObject.setFieldsToNull(toNull.toArray(String[]::new));
        }
        return sObject;
    }
}
