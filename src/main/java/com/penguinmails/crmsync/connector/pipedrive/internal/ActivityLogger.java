package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.BoundedTasks;
import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs e-mails as done Pipedrive activities ({@code type} email by default, subject, due date and time of the event in
 * UTC, the note) on the person, organization or deal. Pipedrive activities have no external id, so the note ends
 * with a marker {@code [pm:<key>]}: before creating, the activities of each linked record updated since a day before
 * the earliest event are listed (one call per record and 500 activities) and a marked one is updated instead, or left
 * alone when unchanged. That look-up is skipped when the caller says no earlier attempt can have logged the
 * record's activities ({@link Activity#maybeLogged()} false for all of them): then creating is one call, unless its
 * answer is lost (timeout, dropped connection, 5xx): then the marker is looked up before the create is sent again
 * (the activity may have been made), never blindly repeated. An activity
 * with a known CRM id is updated directly. A follow-up ({@link Activity.Kind#FOLLOW_UP}) is an open activity of type
 * {@code task} due the day of the reply; updates never touch its {@code done} flag, so a rep who closed it keeps it
 * closed.
 */
public final class ActivityLogger {

    private static final Pattern MARKER = Pattern.compile("\\[pm:([^\\]]+)]");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private record Item(int index, Activity activity, ObjectNode body) {
    }

    private final PipedriveApi api;
    private final PipedriveSettings settings;

    public ActivityLogger(PipedriveApi api, PipedriveSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    public List<WriteResult> log(List<Activity> activities) {
        WriteResult[] results = new WriteResult[activities.size()];
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            String link = switch (activity.whoType()) {
                case CONTACT -> "person_id";
                case COMPANY -> "org_id";
                case DEAL -> "deal_id";
                case LEAD -> null;
            };
            if (link == null) {
                results[i] = WriteResult.failed(i, "UNSUPPORTED_OBJECT", "Pipedrive activities are logged on persons, "
                        + "organizations or deals, not on LEAD", List.of("whoType"));
            } else if (!activity.whoCrmId().matches("\\d{1,18}")) {
                results[i] = WriteResult.failed(i, "INVALID_ID", "whoCrmId is not a Pipedrive id", List.of("whoCrmId"));
            } else {
                Item item = new Item(i, activity, body(activity, link));
                String key = activity.crmActivityId() != null ? "#" + i : link + "=" + activity.whoCrmId();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
            }
        }
        List<Runnable> tasks = new ArrayList<>();
        for (List<Item> group : groups.values()) {
            tasks.add(() -> logGroup(group, results));
        }
        BoundedTasks.runAll("pipedrive-write", tasks, settings.writeConcurrency());
        return Arrays.asList(results);
    }

    private void logGroup(List<Item> group, WriteResult[] results) {
        boolean lookUp = group.get(0).activity().crmActivityId() == null
                && group.stream().anyMatch(item -> item.activity().maybeLogged());
        Map<String, JsonNode> marked = lookUp ? markedActivities(group) : Map.of();
        for (Item item : group) {
            Activity activity = item.activity();
            try {
                String target = activity.crmActivityId();
                JsonNode existing = marked.get(activity.key());
                if (target == null && existing != null) {
                    target = existing.path("id").asString();
                    if (unchanged(existing, item.body())) {
                        results[item.index()] = WriteResult.written(item.index(), target, false);
                        continue;
                    }
                }
                if (target != null) {
                    ObjectNode body = item.body().deepCopy();
                    if (activity.kind() == Activity.Kind.FOLLOW_UP) {
                        body.remove("done");
                    }
                    api.update(Entity.ACTIVITIES, target, body);
                    results[item.index()] = WriteResult.written(item.index(), target, false);
                } else {
                    JsonNode created = api.add(Entity.ACTIVITIES, item.body(),
                            () -> java.util.Optional.ofNullable(markedActivities(List.of(item)).get(activity.key())));
                    results[item.index()] = WriteResult.written(item.index(), created.path("id").asString(), true);
                }
            } catch (PipedriveRejection rejection) {
                results[item.index()] = WriteResult.failed(item.index(), rejection.code(), rejection.error(),
                        List.of());
            }
        }
    }

    /** The linked record's activities carrying a marker, by key (one list call per 500 activities). */
    private Map<String, JsonNode> markedActivities(List<Item> group) {
        Item first = group.get(0);
        String link = first.body().has("person_id") ? "person_id" : first.body().has("org_id") ? "org_id" : "deal_id";
        Instant earliest = group.stream().map(i -> i.activity().occurredAt()).min(Instant::compareTo).orElseThrow();
        Map<String, JsonNode> marked = new HashMap<>();
        @Nullable String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put(link, first.activity().whoCrmId());
            params.put("updated_since", earliest.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit
                    .SECONDS).toString());
            params.put("limit", Integer.toString(PipedriveApi.MAX_PAGE));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ApiResponse page = api.list(Entity.ACTIVITIES, params);
            for (JsonNode activity : page.data()) {
                Matcher matcher = MARKER.matcher(activity.path("note").asString(""));
                while (matcher.find()) {
                    marked.putIfAbsent(matcher.group(1).replace("%5D", "]"), activity);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return marked;
    }

    private ObjectNode body(Activity activity, String link) {
        LocalDateTime at = LocalDateTime.ofInstant(activity.occurredAt(), ZoneOffset.UTC);
        ObjectNode body = api.newObject();
        String subject = activity.subject();
        body.put("subject", subject.length() > 255 ? subject.substring(0, 255) : subject);
        boolean followUp = activity.kind() == Activity.Kind.FOLLOW_UP;
        body.put("type", followUp ? "task" : settings.activityType());
        body.put("due_date", at.toLocalDate().toString());
        body.put("due_time", at.format(TIME));
        body.put("done", !followUp);
        body.put(link, Long.parseLong(activity.whoCrmId()));
        if (link.equals("person_id") && activity.companyCrmId() != null
                && activity.companyCrmId().matches("\\d{1,18}")) {
            body.put("org_id", Long.parseLong(activity.companyCrmId())); // shows on the organization too
        }
        body.put("note", activity.description() + "\n\n" + marker(activity.key()));
        return body;
    }

    static String marker(String key) {
        return "[pm:" + key.replace("]", "%5D") + "]";
    }

    private static boolean unchanged(JsonNode existing, ObjectNode body) {
        for (String field : List.of("subject", "note", "due_date", "type")) {
            if (!Objects.equals(existing.path(field).asString(""), body.path(field).asString(""))) {
                return false;
            }
        }
        return true;
    }
}
