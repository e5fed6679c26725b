package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs PenguinMails e-mails on HubSpot timelines as email engagements, idempotently: each carries its activity key in
 * the unique custom property {@value #KEY_PROPERTY} (created once per account when missing), so activities are
 * upserted by key ({@code batch/upsert}, 100 per call) and a replay updates what the first run created. An activity
 * whose earlier CRM id is known is updated by id ({@code batch/update}); one HubSpot no longer has is upserted by key.
 * Each written email is then associated with its contact, company or deal ({@code v4 batch/create}, HubSpot-defined
 * types 198, 186, 210), every time: associating twice is harmless, and a run that died between the two calls heals.
 */
public final class ActivityLogger {

    static final String KEY_PROPERTY = "penguinmails_activity_key";

    private final HubSpotApi api;
    private final BatchSubmitter submitter;
    private final AtomicBoolean keyPropertyReady = new AtomicBoolean();

    public ActivityLogger(HubSpotApi api) {
        this.api = api;
        this.submitter = new BatchSubmitter(api);
    }

    public List<WriteResult> log(List<Activity> activities) {
        WriteResult[] results = new WriteResult[activities.size()];
        List<WriteInput> updates = new ArrayList<>();
        List<WriteInput> upserts = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            if (association(activity) == null) {
                results[i] = WriteResult.failed(i, "UNSUPPORTED_TARGET", "HubSpot emails are logged on contacts, "
                        + "companies or deals, not on " + activity.whoType(), List.of());
            } else if (activity.crmActivityId() != null) {
                updates.add(new WriteInput(i, activity.crmActivityId(), null, properties(activity)));
            } else {
                upserts.add(byKey(i, activity, properties(activity)));
            }
        }
        if (!updates.isEmpty() || !upserts.isEmpty()) {
            ensureKeyProperty();
        }
        Map<Integer, WriteResult> written = new LinkedHashMap<>();
        for (List<WriteInput> chunk : chunks(updates)) {
            Map<Integer, WriteResult> updated = submitter.submit(HubSpotObject.EMAILS, "update", chunk);
            for (WriteInput input : chunk) {
                WriteResult result = updated.get(input.index());
                if (result != null && "OBJECT_NOT_FOUND".equals(result.error())) {
                    upserts.add(byKey(input.index(), activities.get(input.index()), input.properties()));
                } else if (result != null) {
                    written.put(input.index(), result);
                }
            }
        }
        for (List<WriteInput> round : RecordWriter.rounds(upserts)) {
            for (List<WriteInput> chunk : chunks(round)) {
                written.putAll(submitter.submit(HubSpotObject.EMAILS, "upsert", chunk));
            }
        }
        associate(activities, written);
        written.forEach((index, result) -> results[index] = result);
        return List.of(results);
    }

    private void associate(List<Activity> activities, Map<Integer, WriteResult> written) {
        Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
        written.forEach((index, result) -> {
            if (result.success()) {
                byTarget.computeIfAbsent(Objects.requireNonNull(association(activities.get(index))).toPath(), k -> new ArrayList<>())
                        .add(index);
            }
        });
        byTarget.forEach((toPath, indexes) -> {
            for (List<Integer> chunk : chunks(indexes)) {
                ArrayNode inputs = HubSpotApi.array();
                for (int index : chunk) {
                    Activity activity = activities.get(index);
                    ObjectNode input = inputs.addObject();
                    input.putObject("from").put("id", written.get(index).crmId());
                    input.putObject("to").put("id", activity.whoCrmId());
                    ObjectNode type = input.putArray("types").addObject();
                    type.put("associationCategory", "HUBSPOT_DEFINED");
                    type.put("associationTypeId", Objects.requireNonNull(association(activity)).typeId());
                }
                BatchReply reply = api.associate(HubSpotObject.EMAILS, toPath, inputs);
                markUnassociated(chunk, activities, written, reply);
            }
        });
    }

    private static void markUnassociated(List<Integer> chunk, List<Activity> activities,
                                         Map<Integer, WriteResult> written, BatchReply reply) {
        List<String> missing = new ArrayList<>();
        reply.errors().forEach(e -> e.context().values().forEach(missing::addAll));
        for (int index : chunk) {
            WriteResult result = written.get(index);
            boolean refused = reply.refused() || missing.contains(activities.get(index).whoCrmId());
            if (refused) {
                written.put(index, new WriteResult(index, result.crmId(), result.created(), "ASSOCIATION_FAILED",
                        "the email was logged but HubSpot did not associate it with its " + activities.get(index)
                                .whoType().name().toLowerCase(java.util.Locale.ROOT) + " ("
                                + (reply.errors().isEmpty() ? "HTTP " + reply.status()
                                : reply.errors().get(0).category()) + ")", List.of()));
            }
        }
    }

    /** HubSpot-defined association of an email with its target, or null for a target emails cannot have. */
    private static @Nullable Association association(Activity activity) {
        return switch (activity.whoType()) {
            case CONTACT -> new Association("contacts", 198);
            case COMPANY -> new Association("companies", 186);
            case DEAL -> new Association("deals", 210);
            case LEAD -> null;
        };
    }

    /** Where an email's association points. */
    private record Association(String toPath, int typeId) {
    }

    /** An upsert by activity key; the key is among the properties so that HubSpot's result echoes it. */
    private static WriteInput byKey(int index, Activity activity, Map<String, String> properties) {
        Map<String, String> withKey = new LinkedHashMap<>(properties);
        withKey.put(KEY_PROPERTY, activity.key());
        return new WriteInput(index, activity.key(), KEY_PROPERTY, withKey);
    }

    private static Map<String, String> properties(Activity activity) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hs_timestamp", activity.occurredAt().toString());
        properties.put("hs_email_direction", "EMAIL");
        properties.put("hs_email_status", activity.latestEvent() == EventType.BOUNCE ? "BOUNCED" : "SENT");
        properties.put("hs_email_subject", activity.subject());
        properties.put("hs_email_text", activity.description());
        return properties;
    }

    private void ensureKeyProperty() {
        if (keyPropertyReady.get()) {
            return;
        }
        if (api.property(HubSpotObject.EMAILS, KEY_PROPERTY).isEmpty()) {
            ObjectNode definition = HubSpotApi.object();
            definition.put("name", KEY_PROPERTY);
            definition.put("label", "PenguinMails activity key");
            definition.put("description", "Idempotency key of emails logged by PenguinMails CRM Sync");
            definition.put("groupName", "email");
            definition.put("type", "string");
            definition.put("fieldType", "text");
            definition.put("hasUniqueValue", true);
            definition.put("formField", false);
            api.createProperty(HubSpotObject.EMAILS, definition);
        }
        keyPropertyReady.set(true);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += RecordWriter.MAX_BATCH) {
            chunks.add(items.subList(from, Math.min(items.size(), from + RecordWriter.MAX_BATCH)));
        }
        return chunks;
    }
}
