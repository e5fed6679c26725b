package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.BoundedTasks;
import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 * An activity whose person belongs to a company ({@link Activity#companyCrmId()}) is associated with it too, so it
 * shows on the company's timeline. A follow-up ({@link Activity.Kind#FOLLOW_UP}) is logged the same way as an open, high-priority to-do task
 * ({@code /crm/v3/objects/tasks}, associated with types 204, 192, 216); once it exists only its text is updated, so a
 * rep's status and owner stand.
 */
public final class ActivityLogger {

    static final String KEY_PROPERTY = "penguinmails_activity_key";

    private final HubSpotApi api;
    private final BatchSubmitter submitter;
    private final java.util.Set<HubSpotObject> keyPropertyReady = ConcurrentHashMap.newKeySet();
    private final int concurrency;

    /** @param concurrency batch calls in flight at once (the connection's governor still paces them) */
    public ActivityLogger(HubSpotApi api, int concurrency) {
        this.api = api;
        this.submitter = new BatchSubmitter(api);
        this.concurrency = concurrency;
    }

    public List<WriteResult> log(List<Activity> activities) {
        WriteResult[] results = new WriteResult[activities.size()];
        for (Activity.Kind kind : Activity.Kind.values()) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < activities.size(); i++) {
                if (activities.get(i).kind() == kind) {
                    indexes.add(i);
                }
            }
            if (indexes.isEmpty()) {
                continue;
            }
            List<WriteResult> logged = logAs(kind == Activity.Kind.EMAIL ? HubSpotObject.EMAILS : HubSpotObject.TASKS,
                    indexes.stream().map(activities::get).toList());
            for (WriteResult result : logged) {
                int index = indexes.get(result.index());
                results[index] = new WriteResult(index, result.crmId(), result.created(), result.error(),
                        result.message(), result.fields());
            }
        }
        return List.of(results);
    }

    private List<WriteResult> logAs(HubSpotObject object, List<Activity> activities) {
        WriteResult[] results = new WriteResult[activities.size()];
        List<WriteInput> updates = new ArrayList<>();
        List<WriteInput> upserts = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            if (association(object, activity) == null) {
                results[i] = WriteResult.failed(i, "UNSUPPORTED_TARGET", "HubSpot " + object.path() + " are logged on contacts, "
                        + "companies or deals, not on " + activity.whoType(), List.of());
            } else if (activity.crmActivityId() != null) {
                updates.add(new WriteInput(i, activity.crmActivityId(), null, properties(object, activity, false)));
            } else {
                upserts.add(byKey(i, activity, properties(object, activity, true)));
            }
        }
        if (!updates.isEmpty() || !upserts.isEmpty()) {
            ensureKeyProperty(object);
        }
        Map<Integer, WriteResult> written = new ConcurrentHashMap<>();
        List<WriteInput> notFound = java.util.Collections.synchronizedList(new ArrayList<>());
        BoundedTasks.runAll("hubspot-write", chunks(updates).stream().<Runnable>map(chunk -> () -> {
            Map<Integer, WriteResult> updated = submitter.submit(object, "update", chunk);
            for (WriteInput input : chunk) {
                WriteResult result = updated.get(input.index());
                if (result != null && "OBJECT_NOT_FOUND".equals(result.error())) {
                    notFound.add(byKey(input.index(), activities.get(input.index()),
                            properties(object, activities.get(input.index()), true)));
                } else if (result != null) {
                    written.put(input.index(), result);
                }
            }
        }).toList(), concurrency);
        upserts.addAll(notFound);
        for (List<WriteInput> round : RecordWriter.rounds(upserts)) {
            BoundedTasks.runAll("hubspot-write", chunks(round).stream().<Runnable>map(chunk ->
                    () -> written.putAll(submitter.submit(object, "upsert", chunk))).toList(), concurrency);
        }
        associate(object, activities, written);
        written.forEach((index, result) -> results[index] = result);
        return List.of(results);
    }

    /** One association to make: the written activity at {@code index} to the record {@code toId}. */
    private record Link(int index, String toId, Association association) {
    }

    private void associate(HubSpotObject object, List<Activity> activities, Map<Integer, WriteResult> written) {
        Map<String, List<Link>> byTarget = new LinkedHashMap<>();
        written.forEach((index, result) -> {
            if (result.success()) {
                Activity activity = activities.get(index);
                Association who = Objects.requireNonNull(association(object, activity));
                byTarget.computeIfAbsent(who.toPath(), k -> new ArrayList<>())
                        .add(new Link(index, activity.whoCrmId(), who));
                if (activity.companyCrmId() != null && activity.whoType() != ObjectType.COMPANY) {
                    Association company = companyAssociation(object);
                    byTarget.computeIfAbsent(company.toPath(), k -> new ArrayList<>())
                            .add(new Link(index, activity.companyCrmId(), company));
                }
            }
        });
        List<Runnable> calls = new ArrayList<>();
        byTarget.forEach((toPath, links) -> chunks(links).forEach(chunk -> calls.add(() -> {
                ArrayNode inputs = HubSpotApi.array();
                for (Link link : chunk) {
                    ObjectNode input = inputs.addObject();
                    input.putObject("from").put("id", written.get(link.index()).crmId());
                    input.putObject("to").put("id", link.toId());
                    ObjectNode type = input.putArray("types").addObject();
                    type.put("associationCategory", "HUBSPOT_DEFINED");
                    type.put("associationTypeId", link.association().typeId());
                }
                BatchReply reply = api.associate(object, toPath, inputs);
                markUnassociated(chunk, activities, written, reply);
        })));
        BoundedTasks.runAll("hubspot-write", calls, concurrency);
    }

    private static void markUnassociated(List<Link> chunk, List<Activity> activities,
                                         Map<Integer, WriteResult> written, BatchReply reply) {
        List<String> missing = new ArrayList<>();
        reply.errors().forEach(e -> e.context().values().forEach(missing::addAll));
        for (Link link : chunk) {
            int index = link.index();
            WriteResult result = written.get(index);
            boolean refused = reply.refused() || missing.contains(link.toId());
            if (refused && result.success()) {
                written.put(index, new WriteResult(index, result.crmId(), result.created(), "ASSOCIATION_FAILED",
                        "the activity was logged but HubSpot did not associate it with its "
                                + link.association().noun() + " ("
                                + (reply.errors().isEmpty() ? "HTTP " + reply.status()
                                : reply.errors().get(0).category()) + ")", List.of()));
            }
        }
    }

    /** HubSpot-defined association of an email or task with its target, or null for a target it cannot have. */
    private static @Nullable Association association(HubSpotObject object, Activity activity) {
        boolean task = object == HubSpotObject.TASKS;
        return switch (activity.whoType()) {
            case CONTACT -> new Association("contacts", "contact", task ? 204 : 198);
            case COMPANY -> new Association("companies", "company", task ? 192 : 186);
            case DEAL -> new Association("deals", "deal", task ? 216 : 210);
            case LEAD -> null;
        };
    }

    /** The HubSpot-defined association of an email or task with a company. */
    private static Association companyAssociation(HubSpotObject object) {
        return new Association("companies", "company", object == HubSpotObject.TASKS ? 192 : 186);
    }

    /** Where an email's association points. */
    private record Association(String toPath, String noun, int typeId) {
    }

    /** An upsert by activity key; the key is among the properties so that HubSpot's result echoes it. */
    private static WriteInput byKey(int index, Activity activity, Map<String, String> properties) {
        Map<String, String> withKey = new LinkedHashMap<>(properties);
        withKey.put(KEY_PROPERTY, activity.key());
        return new WriteInput(index, activity.key(), KEY_PROPERTY, withKey);
    }

    /**
     * @param creating whether the record may be new: a task's status and priority are only set then, so a rep's
     *                 changes stand
     */
    private static Map<String, String> properties(HubSpotObject object, Activity activity, boolean creating) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (object == HubSpotObject.TASKS) {
            properties.put("hs_timestamp", activity.occurredAt().toString());
            properties.put("hs_task_subject", activity.subject());
            properties.put("hs_task_body", activity.description());
            if (creating) {
                properties.put("hs_task_status", "NOT_STARTED");
                properties.put("hs_task_priority", "HIGH");
                properties.put("hs_task_type", "TODO");
            }
            return properties;
        }
        properties.put("hs_timestamp", activity.occurredAt().toString());
        properties.put("hs_email_direction", "EMAIL");
        properties.put("hs_email_status", activity.latestEvent() == EventType.BOUNCE ? "BOUNCED" : "SENT");
        properties.put("hs_email_subject", activity.subject());
        properties.put("hs_email_text", activity.description());
        return properties;
    }

    private void ensureKeyProperty(HubSpotObject object) {
        if (keyPropertyReady.contains(object)) {
            return;
        }
        if (api.property(object, KEY_PROPERTY).isEmpty()) {
            ObjectNode definition = HubSpotApi.object();
            definition.put("name", KEY_PROPERTY);
            definition.put("label", "PenguinMails activity key");
            definition.put("description", "Idempotency key of activities logged by PenguinMails CRM Sync");
            definition.put("groupName", object == HubSpotObject.TASKS ? "task" : "email");
            definition.put("type", "string");
            definition.put("fieldType", "text");
            definition.put("hasUniqueValue", true);
            definition.put("formField", false);
            api.createProperty(object, definition);
        }
        keyPropertyReady.add(object);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += RecordWriter.MAX_BATCH) {
            chunks.add(items.subList(from, Math.min(items.size(), from + RecordWriter.MAX_BATCH)));
        }
        return chunks;
    }
}
