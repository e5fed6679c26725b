package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
            results.addAll(byId.size() > settings.bulkIngestThreshold() ? bulk.write(object, "update", "Id", byId)
                    : soap.update(object, byId));
        }
        if (!byExternalId.isEmpty()) {
            String key = SalesforceSettings.EXTERNAL_ID_FIELD;
            results.addAll(byExternalId.size() > settings.bulkIngestThreshold()
                    ? bulk.write(object, "upsert", key, byExternalId) : soap.upsert(object, key, byExternalId));
        }
        results.sort(Comparator.comparingInt(WriteResult::index));
        return results;
    }
}
