package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.WriteResult;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Logs PenguinMails e-mails as completed Tasks on the person's timeline ({@code WhoId}), upserted by
 * {@code PenguinMails_Id__c} = the activity's key, so logging a key again updates its Task. {@code TaskSubtype}
 * "Email" can only be set when a Task is created: it is sent with the upsert, and the few records Salesforce refuses
 * for it (the Task exists already, a replay) are upserted again without it. An activity whose Task id is known is
 * updated by Id. 200 Tasks per call, or one Bulk API 2.0 ingest job per operation when more than
 * {@code bulkIngestThreshold} Tasks go at once (a large first run). A follow-up ({@link Activity.Kind#FOLLOW_UP}) is an open Task (Not Started,
 * subtype Task) due the day of the reply and owned by the person's owner, whose {@code OwnerId} is read once per 200
 * persons (one query) when the Task is created. A Contact's Tasks show on its Account's timeline by themselves
 * (Salesforce derives the Task's AccountId), so {@link Activity#companyCrmId()} is not written.
 */
final class ActivityLogger {

    static final int SUBJECT_MAX = 255;
    static final int DESCRIPTION_MAX = 32_000;

    private final SoapWriter soap;
    private final SoapClient client;
    private final BulkIngest bulk;
    private final SalesforceSettings settings;

    ActivityLogger(SoapWriter soap, SoapClient client, BulkIngest bulk, SalesforceSettings settings) {
        this.soap = soap;
        this.client = client;
        this.bulk = bulk;
        this.settings = settings;
    }

    private List<WriteResult> update(List<SoapWriter.Row> rows) {
        return rows.size() > settings.bulkIngestThreshold()
                ? bulk.write(SalesforceObjects.TASK, "update", "Id", rows) : soap.update(SalesforceObjects.TASK, rows);
    }

    private List<WriteResult> upsert(List<SoapWriter.Row> rows) {
        return rows.size() > settings.bulkIngestThreshold()
                ? bulk.write(SalesforceObjects.TASK, "upsert", SalesforceSettings.EXTERNAL_ID_FIELD, rows)
                : soap.upsert(SalesforceObjects.TASK, SalesforceSettings.EXTERNAL_ID_FIELD, rows);
    }

    List<WriteResult> log(List<Activity> activities) {
        List<SoapWriter.Row> byId = new ArrayList<>();
        List<SoapWriter.Row> byKey = new ArrayList<>();
        Map<String, String> owners = owners(activities.stream().filter(a -> a.kind() == Activity.Kind.FOLLOW_UP
                && (a.crmActivityId() == null || a.crmActivityId().isEmpty())).map(Activity::whoCrmId).toList());
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            Map<String, @Nullable Object> fields = fields(activity);
            if (activity.crmActivityId() != null && !activity.crmActivityId().isEmpty()) {
                fields.put(SalesforceSettings.EXTERNAL_ID_FIELD, activity.key());
                byId.add(new SoapWriter.Row(i, activity.crmActivityId(), fields));
            } else {
                boolean followUp = activity.kind() == Activity.Kind.FOLLOW_UP;
                fields.put("TaskSubtype", followUp ? "Task" : "Email");
                if (followUp && owners.containsKey(activity.whoCrmId())) {
                    fields.put("OwnerId", owners.get(activity.whoCrmId()));
                }
                byKey.add(new SoapWriter.Row(i, activity.key(), fields));
            }
        }
        List<WriteResult> results = new ArrayList<>(update(byId));
        Map<Integer, SoapWriter.Row> keyed = new LinkedHashMap<>();
        byKey.forEach(row -> keyed.put(row.index(), row));
        List<SoapWriter.Row> again = new ArrayList<>();
        for (WriteResult result : upsert(byKey)) {
            SoapWriter.Row row = keyed.get(result.index());
            if (!result.success() && result.fields().contains("TaskSubtype") && row != null) {
                Map<String, @Nullable Object> fields = new LinkedHashMap<>(row.fields());
                fields.remove("TaskSubtype");
                again.add(new SoapWriter.Row(result.index(), row.key(), fields));
            } else {
                results.add(result);
            }
        }
        results.addAll(upsert(again));
        results.sort(Comparator.comparingInt(WriteResult::index));
        return results;
    }

    private static Map<String, @Nullable Object> fields(Activity activity) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("WhoId", activity.whoCrmId());
        fields.put("Subject", truncate(activity.subject(), SUBJECT_MAX));
        fields.put("ActivityDate", activity.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        // a follow-up stays open: its status, like its owner, is the rep's once it exists (sent only on creation)
        if (activity.kind() == Activity.Kind.EMAIL) {
            fields.put("Status", "Completed");
        } else if (activity.crmActivityId() == null || activity.crmActivityId().isEmpty()) {
            fields.put("Status", "Not Started");
            fields.put("Priority", "High");
        }
        fields.put("Description", truncate(activity.description(), DESCRIPTION_MAX));
        return fields;
    }

    /** The owners of these Contacts and Leads, by record id: one query per object and 200 ids. */
    private Map<String, String> owners(List<String> whoIds) {
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, List<String>> byObject = new LinkedHashMap<>();
        for (String id : new java.util.LinkedHashSet<>(whoIds)) {
            if (id.matches("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}")) {
                byObject.computeIfAbsent(id.startsWith("00Q") ? "Lead" : "Contact", k -> new ArrayList<>()).add(id);
            }
        }
        byObject.forEach((object, ids) -> {
            for (int from = 0; from < ids.size(); from += 200) {
                List<String> slice = ids.subList(from, Math.min(ids.size(), from + 200));
                String soql = "SELECT Id, OwnerId FROM " + object + " WHERE Id IN ('" + String.join("','", slice)
                        + "')";
                com.sforce.soap.partner.QueryResult result = client.call("query " + object + " owners",
                        c -> c.query(soql));
                if (result.getRecords() != null) {
                    for (com.sforce.soap.partner.sobject.SObject record : result.getRecords()) {
                        Object owner = record.getField("OwnerId");
                        if (owner != null) {
                            owners.put(record.getId(), owner.toString());
                        }
                    }
                }
            }
        });
        return owners;
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
