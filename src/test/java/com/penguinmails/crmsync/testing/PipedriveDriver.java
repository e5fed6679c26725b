package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Pipedrive: v2 persons with the API token, the v1 merge. Pipedrive derives a person's first and last names from its
 * {@code name} and refuses writes to them, so names are written through {@code name}.
 */
public final class PipedriveDriver extends CrmDriver {

    private static final Pattern MARKER = Pattern.compile("\\[pm:([^\\]]+)]");

    private final PipedriveSandbox sandbox;

    PipedriveDriver(PipedriveSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    @Override
    public PipedriveSandbox sandbox() {
        return sandbox;
    }

    /**
     * One call; first moves the sandbox clock past the burst limit's rolling window, which the test's own calls would
     * otherwise exhaust (the connector's requests meet it as usual).
     */
    @Override
    public JsonNode call(String method, String path, @Nullable String body) throws Exception {
        server().clock().advance(Duration.ofSeconds(2));
        return SandboxConnections.call(method, info().get("apiDomain") + path, "x-api-token",
                info().get("apiToken").toString(), body);
    }

    private JsonNode person(String id) throws Exception {
        return call("GET", "/api/v2/persons/" + id, null).get("data");
    }

    private void patch(String id, String json) throws Exception {
        call("PATCH", "/api/v2/persons/" + id, json);
    }

    @Override
    public String create(String email, @Nullable String first, String last) throws Exception {
        return call("POST", "/api/v2/persons", "{\"name\": \"" + (first == null ? "" : first + " ") + last
                + "\", \"emails\": [{\"value\": \"" + email + "\", \"primary\": true, \"label\": \"work\"}]}")
                .get("data").get("id").asString();
    }

    /** A first or last name is written as the {@code name} "first last", the other name kept as it is. */
    @Override
    public void update(String id, String field, String value) throws Exception {
        if (field.equals(firstNameField()) || field.equals(lastNameField())) {
            JsonNode person = person(id);
            String first = field.equals(firstNameField()) ? value : person.path("first_name").asString("");
            String last = field.equals(lastNameField()) ? value : person.path("last_name").asString("");
            patch(id, "{\"name\": \"" + (first + " " + last).strip() + "\"}");
        } else {
            patch(id, "{\"" + field + "\": \"" + value + "\"}");
        }
    }

    @Override
    public @Nullable String field(String id, String field) throws Exception {
        return text(person(id).get(field));
    }

    @Override
    public void changeAddress(String id, String email) throws Exception {
        patch(id, "{\"emails\": [{\"value\": \"" + email + "\", \"primary\": true, \"label\": \"work\"}]}");
    }

    @Override
    public void setPhone(String id, String phone) throws Exception {
        patch(id, "{\"phones\": [{\"value\": \"" + phone + "\", \"primary\": true, \"label\": \"work\"}]}");
    }

    @Override
    public @Nullable String phone(String id) throws Exception {
        for (JsonNode phone : person(id).path("phones")) {
            if (phone.path("primary").asBoolean()) {
                return text(phone.get("value"));
            }
        }
        return null;
    }

    @Override
    public void delete(String id) throws Exception {
        call("DELETE", "/api/v2/persons/" + id, null);
    }

    /** Pipedrive merges the person of the path into {@code merge_with_id}, which is kept. */
    @Override
    public void merge(String survivor, String loser) throws Exception {
        call("PUT", "/api/v1/persons/" + loser + "/merge", "{\"merge_with_id\": " + survivor + "}");
    }

    @Override
    public boolean optedOut(String id) {
        throw new UnsupportedOperationException("Pipedrive's default map has no consent field");
    }

    @Override
    public void optOut(String id, boolean optedOut) {
        throw new UnsupportedOperationException("Pipedrive's default map has no consent field");
    }

    @Override
    public List<String> emails() throws Exception {
        List<String> emails = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call("GET", "/api/v2/persons?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                    null);
            for (JsonNode person : page.get("data")) {
                for (JsonNode email : person.path("emails")) {
                    if (email.path("primary").asBoolean()) {
                        emails.add(text(email.get("value")));
                    }
                }
            }
            cursor = text(page.path("additional_data").path("next_cursor"));
        } while (cursor != null);
        return emails;
    }

    /** {@code emails}: a list; {@link #changeAddress} writes it as the one primary address. */
    @Override
    public String emailField() {
        return "emails";
    }

    @Override
    public String phoneField() {
        return "phones";
    }

    @Override
    public List<String> phoneTransforms() {
        return List.of("primary-value", "trim", "e164:US");
    }

    @Override
    public String firstNameField() {
        return "first_name";
    }

    @Override
    public String lastNameField() {
        return "last_name";
    }

    @Override
    public String titleField() {
        throw new UnsupportedOperationException("Pipedrive persons have no job title field");
    }

    @Override
    public String deletedField() {
        return "custom:Deleted Field";
    }

    @Override
    public boolean isWrite(String route) {
        return route.matches("(POST|PATCH|PUT|DELETE) /api/.*");
    }

    @Override
    public long appliedUnanswered() {
        var stats = server().stats();
        return stats.appliedUnanswered("POST /api/v2/persons") + stats.appliedUnanswered("POST /api/v2/activities");
    }

    /** The activities with the suite's marker ({@code [pm:key]}) in their note, every page of them. */
    @Override
    public CrmTimelines timeline() {
        return () -> {
            List<CrmTimelines.Logged> logged = new ArrayList<>();
            String cursor = null;
            do {
                // not through call(): reading the timeline leaves the sandbox's clock where it is
                JsonNode page = SandboxConnections.call("GET", info().get("apiDomain") + "/api/v2/activities?limit=500"
                        + (cursor == null ? "" : "&cursor=" + cursor), "x-api-token", info().get("apiToken")
                        .toString(), null);
                for (JsonNode activity : page.get("data")) {
                    Matcher marker = MARKER.matcher(activity.path("note").asString(""));
                    if (marker.find()) {
                        logged.add(new CrmTimelines.Logged(marker.group(1), activity.get("id").asString(),
                                activity.path("person_id").asString(""), activity.path("subject").asString(""),
                                activity.path("note").asString(""), !activity.path("done").asBoolean(),
                                activity.path("type").asString(""), activity.path("owner_id").asString(""),
                                activity.path("org_id").asString("")));
                    }
                }
                cursor = page.path("additional_data").path("next_cursor").asString(null);
            } while (cursor != null);
            return logged;
        };
    }
}
