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
 * updated by Id. 200 Tasks per call.
 */
final class ActivityLogger {

    static final int SUBJECT_MAX = 255;
    static final int DESCRIPTION_MAX = 32_000;

    private final SoapWriter soap;

    ActivityLogger(SoapWriter soap) {
        this.soap = soap;
    }

    List<WriteResult> log(List<Activity> activities) {
        List<SoapWriter.Row> byId = new ArrayList<>();
        List<SoapWriter.Row> byKey = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            Map<String, @Nullable Object> fields = fields(activity);
            if (activity.crmActivityId() != null && !activity.crmActivityId().isEmpty()) {
                fields.put(SalesforceSettings.EXTERNAL_ID_FIELD, activity.key());
                byId.add(new SoapWriter.Row(i, activity.crmActivityId(), fields));
            } else {
                fields.put("TaskSubtype", "Email");
                byKey.add(new SoapWriter.Row(i, activity.key(), fields));
            }
        }
        List<WriteResult> results = new ArrayList<>(soap.update(SalesforceObjects.TASK, byId));
        List<WriteResult> upserted = soap.upsert(SalesforceObjects.TASK, SalesforceSettings.EXTERNAL_ID_FIELD, byKey);
        List<SoapWriter.Row> again = new ArrayList<>();
        for (int i = 0; i < upserted.size(); i++) {
            WriteResult result = upserted.get(i);
            if (!result.success() && result.fields().contains("TaskSubtype")) {
                Map<String, @Nullable Object> fields = new LinkedHashMap<>(byKey.get(i).fields());
                fields.remove("TaskSubtype");
                again.add(new SoapWriter.Row(result.index(), byKey.get(i).key(), fields));
            } else {
                results.add(result);
            }
        }
        results.addAll(soap.upsert(SalesforceObjects.TASK, SalesforceSettings.EXTERNAL_ID_FIELD, again));
        results.sort(Comparator.comparingInt(WriteResult::index));
        return results;
    }

    private static Map<String, @Nullable Object> fields(Activity activity) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("WhoId", activity.whoCrmId());
        fields.put("Subject", truncate(activity.subject(), SUBJECT_MAX));
        fields.put("ActivityDate", activity.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        fields.put("Status", "Completed");
        fields.put("Description", truncate(activity.description(), DESCRIPTION_MAX));
        return fields;
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
