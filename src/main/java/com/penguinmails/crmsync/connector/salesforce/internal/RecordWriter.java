package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code upsert}: records with a CRM id are updated by Id, the others upserted by {@code PenguinMails_Id__c} (so a
 * replay updates what the first attempt created); each group goes through SOAP, 200 per call, or through a Bulk API
 * 2.0 ingest job when it holds more than {@code bulkIngestThreshold} records. A record with neither key is refused
 * (MISSING_KEY): creating it without one could not be replayed safely.
 */
final class RecordWriter {

    private final SoapWriter soap;
    private final BulkIngest bulk;
    private final SalesforceSettings settings;

    RecordWriter(SoapWriter soap, BulkIngest bulk, SalesforceSettings settings) {
        this.soap = soap;
        this.bulk = bulk;
        this.settings = settings;
    }

    List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        String object = SalesforceObjects.name(type);
        List<SoapWriter.Row> byId = new ArrayList<>();
        List<SoapWriter.Row> byExternalId = new ArrayList<>();
        List<WriteResult> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord record = records.get(i);
            if (record.type() != type) {
                throw new IllegalArgumentException("record " + i + " is a " + record.type() + ", not a " + type);
            }
            if (record.crmId() != null && !record.crmId().isEmpty()) {
                byId.add(new SoapWriter.Row(i, record.crmId(), record.fields()));
            } else if (record.externalId() != null && !record.externalId().isEmpty()) {
                byExternalId.add(new SoapWriter.Row(i, record.externalId(), record.fields()));
            } else {
                results.add(WriteResult.failed(i, "MISSING_KEY", "the record has neither a Salesforce id nor a "
                        + "PenguinMails id to upsert it by", List.of(SalesforceSettings.EXTERNAL_ID_FIELD)));
            }
        }
        if (!byId.isEmpty()) {
            results.addAll(withoutUnknownFields(object, byId, rows -> rows.size() > settings.bulkIngestThreshold()
                    ? bulk.write(object, "update", "Id", rows) : soap.update(object, rows)));
        }
        if (!byExternalId.isEmpty()) {
            String key = SalesforceSettings.EXTERNAL_ID_FIELD;
            results.addAll(withoutUnknownFields(object, byExternalId, rows -> rows.size()
                    > settings.bulkIngestThreshold() ? bulk.write(object, "upsert", key, rows)
                    : soap.upsert(object, key, rows)));
        }
        results.sort(Comparator.comparingInt(WriteResult::index));
        return results;
    }

    /** Writes {@code rows}, again without each field Salesforce says the object does not have, until it takes them. */
    private static List<WriteResult> withoutUnknownFields(String object, List<SoapWriter.Row> rows,
                                                          Function<List<SoapWriter.Row>, List<WriteResult>> write) {
        Set<String> unknown = new LinkedHashSet<>();
        while (true) {
            List<WriteResult> results = new ArrayList<>();
            List<SoapWriter.Row> sendable = new ArrayList<>();
            Map<Integer, List<String>> dropped = new HashMap<>();
            for (SoapWriter.Row row : rows) {
                List<String> own = row.fields().keySet().stream().filter(unknown::contains).toList();
                Map<String, @Nullable Object> kept = new LinkedHashMap<>(row.fields());
                kept.keySet().removeAll(unknown);
                if (!own.isEmpty() && kept.keySet().stream().allMatch(f -> f.equals("Id"))) {
                    results.add(WriteResult.failed(row.index(), "INVALID_FIELD", reason(object, own), own));
                    continue;
                }
                if (!own.isEmpty()) {
                    dropped.put(row.index(), own);
                }
                sendable.add(own.isEmpty() ? row : new SoapWriter.Row(row.index(), row.key(), kept));
            }
            try {
                for (WriteResult result : sendable.isEmpty() ? List.<WriteResult>of() : write.apply(sendable)) {
                    List<String> own = dropped.get(result.index());
                    results.add(own == null ? result : result.without(own, reason(object, own)));
                }
                return results;
            } catch (SoapFaults.UnknownField e) {
                if (!unknown.add(e.field())) {
                    throw e;
                }
            }
        }
    }

    private static String reason(String object, List<String> fields) {
        return "INVALID_FIELD: " + object + " has no field " + String.join(", ", fields)
                + " (deleted or renamed in Salesforce?); fix the connection's map ('mapping validate')";
    }
}
