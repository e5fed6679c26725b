package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** HubSpot: CRM v3 objects with the private app token, opt-outs through communication preferences. */
public final class HubSpotDriver extends CrmDriver {

    private final HubSpotSandbox sandbox;
    private @Nullable String subscription;

    HubSpotDriver(HubSpotSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    @Override
    public HubSpotSandbox sandbox() {
        return sandbox;
    }

    @Override
    public JsonNode call(String method, String path, @Nullable String body) throws Exception {
        return SandboxConnections.call(method, info().get("baseUrl") + path, "Authorization",
                "Bearer " + info().get("privateAppToken"), body);
    }

    /** The marketing subscription, the one the connector unsubscribes from by default. */
    private String subscription() throws Exception {
        if (subscription == null) {
            JsonNode definitions = call("GET", "/communication-preferences/v3/definitions", null)
                    .get("subscriptionDefinitions");
            subscription = definitions.get(0).get("id").asString();
            for (JsonNode definition : definitions) {
                if (definition.get("name").asString().toLowerCase(Locale.ROOT).contains("marketing")) {
                    subscription = definition.get("id").asString();
                    break;
                }
            }
        }
        return subscription;
    }

    private JsonNode properties(String id, String names) throws Exception {
        return call("GET", "/crm/v3/objects/contacts/" + id + "?properties=" + names, null).get("properties");
    }

    @Override
    public String create(String email, @Nullable String first, String last) throws Exception {
        return call("POST", "/crm/v3/objects/contacts", "{\"properties\": {\"email\": \"" + email + "\", "
                + (first == null ? "" : "\"firstname\": \"" + first + "\", ") + "\"lastname\": \"" + last + "\"}}")
                .get("id").asString();
    }

    @Override
    public void update(String id, String field, String value) throws Exception {
        call("PATCH", "/crm/v3/objects/contacts/" + id, "{\"properties\": {\"" + field + "\": \"" + value + "\"}}");
    }

    @Override
    public @Nullable String field(String id, String field) throws Exception {
        return text(properties(id, field).get(field));
    }

    @Override
    public void delete(String id) throws Exception {
        call("DELETE", "/crm/v3/objects/contacts/" + id, null);
    }

    @Override
    public void merge(String survivor, String loser) throws Exception {
        call("POST", "/crm/v3/objects/contacts/merge",
                "{\"primaryObjectId\": \"" + survivor + "\", \"objectIdToMerge\": \"" + loser + "\"}");
    }

    /** The contact's opt-out of the marketing subscription ({@code hs_email_optout_<id>}). */
    @Override
    public boolean optedOut(String id) throws Exception {
        String property = "hs_email_optout_" + subscription();
        return "true".equals(field(id, property));
    }

    @Override
    public void optOut(String id, boolean optedOut) throws Exception {
        call("POST", "/communication-preferences/v3/" + (optedOut ? "unsubscribe" : "subscribe"),
                "{\"emailAddress\": \"" + field(id, "email") + "\", \"subscriptionId\": \"" + subscription()
                        + "\", \"legalBasis\": \"CONSENT_WITH_NOTICE\", \"legalBasisExplanation\": \"test\"}");
    }

    @Override
    public List<String> emails() throws Exception {
        List<String> emails = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = call("GET", "/crm/v3/objects/contacts?limit=100&properties=email"
                    + (after == null ? "" : "&after=" + after), null);
            page.get("results").forEach(r -> emails.add(text(r.get("properties").get("email"))));
            after = text(page.path("paging").path("next").path("after"));
        } while (after != null);
        return emails;
    }

    /** How many contacts have this last name, by search. */
    public long lastNames(String lastName) throws Exception {
        return call("POST", "/crm/v3/objects/contacts/search", "{\"filterGroups\": [{\"filters\": [{"
                + "\"propertyName\": \"lastname\", \"operator\": \"EQ\", \"value\": \"" + lastName + "\"}]}]}")
                .get("total").asLong();
    }

    @Override
    public String emailField() {
        return "email";
    }

    @Override
    public String phoneField() {
        return "phone";
    }

    @Override
    public String firstNameField() {
        return "firstname";
    }

    @Override
    public String lastNameField() {
        return "lastname";
    }

    @Override
    public String titleField() {
        return "jobtitle";
    }

    @Override
    public String deletedField() {
        return "penguinmails_deleted";
    }

    @Override
    public boolean isWrite(String route) {
        return route.matches("(PATCH|PUT|DELETE) .*|.*batch/(create|update|upsert|archive).*|.*/merge"
                + "|.*subscribe.*|POST /crm/v3/objects/\\{objectType}|POST /crm/v\\d/associations.*/(create|archive)"
                + "|POST /crm/v3/properties.*");
    }

    @Override
    public long appliedUnanswered() {
        var stats = server().stats();
        return stats.appliedUnanswered("POST /crm/v3/objects/{objectType}/batch/upsert")
                + stats.appliedUnanswered("POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create");
    }

    @Override
    public CrmTimelines timeline() {
        return new Timeline();
    }

    /** The emails and tasks logged by the suite (with a PenguinMails activity key); their records by association. */
    private final class Timeline implements CrmTimelines {

        @Override
        public List<Logged> all() throws Exception {
            List<Logged> logged = new ArrayList<>(logged("emails", "hs_email_subject", "hs_email_text",
                    "hs_email_status"));
            logged.addAll(logged("tasks", "hs_task_subject", "hs_task_body", "hs_task_status"));
            return logged;
        }

        private List<Logged> logged(String object, String subject, String body, String status) throws Exception {
            List<Logged> logged = new ArrayList<>();
            String after = null;
            do {
                JsonNode page = call("GET", "/crm/v3/objects/" + object + "?limit=100&properties="
                        + "penguinmails_activity_key," + subject + "," + body + "," + status
                        + (after == null ? "" : "&after=" + after), null);
                for (JsonNode record : page.get("results")) {
                    JsonNode properties = record.get("properties");
                    String key = properties.path("penguinmails_activity_key").asString("");
                    if (key.isEmpty()) {
                        continue;
                    }
                    logged.add(new Logged(key, record.get("id").asString(), object,
                            properties.path(subject).asString(""), properties.path(body).asString(""),
                            object.equals("tasks"), properties.path(status).asString(""), "", ""));
                }
                after = page.path("paging").path("next").path("after").asString(null);
            } while (after != null);
            return logged;
        }

        /** The contact the activity is associated with. */
        @Override
        public String who(Logged logged) throws Exception {
            return associated(logged, "contacts");
        }

        /** The company the activity is associated with. */
        @Override
        public String company(Logged logged) throws Exception {
            return associated(logged, "companies");
        }

        private String associated(Logged logged, String object) throws Exception {
            JsonNode associations = call("GET", "/crm/v4/objects/" + logged.whoId() + "/" + logged.crmId()
                    + "/associations/" + object, null);
            return associations.get("results").isEmpty() ? "" : associations.get("results").get(0)
                    .get("toObjectId").asString();
        }
    }
}
