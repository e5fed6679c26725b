package com.penguinmails.crmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the sandboxes' CRM timelines hold, through each vendor's public API as a rep's screen would: Salesforce
 * Tasks by SOQL, HubSpot emails and tasks with their contact associations, Pipedrive activities with the marker in
 * their note. One shape for the three, so tests assert the same things of each.
 */
public final class CrmTimelines {

    /**
     * One activity on a timeline. {@code open}: a to-do (follow-up), not a logged e-mail. {@code whoId}: the record
     * it is on (for HubSpot the object path; ask {@link #who}).
     */
    public record Logged(String key, String crmId, String whoId, String subject, String body, boolean open,
                         String status, String owner, String company) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MARKER = Pattern.compile("\\[pm:([^\\]]+)]");
    private final HttpClient http = HttpClient.newHttpClient();
    private final CrmKind crm;
    private final Supplier<Map<String, Object>> info;

    public CrmTimelines(CrmKind crm, Supplier<Map<String, Object>> info) {
        this.crm = crm;
        this.info = info;
    }

    /** Every activity logged by the suite (those with a PenguinMails key). */
    public List<Logged> all() throws Exception {
        return switch (crm.id()) {
            case "salesforce" -> salesforce();
            case "hubspot" -> {
                List<Logged> logged = new ArrayList<>(hubspot("emails", "hs_email_subject", "hs_email_text",
                        "hs_email_status"));
                logged.addAll(hubspot("tasks", "hs_task_subject", "hs_task_body", "hs_task_status"));
                yield logged;
            }
            case "pipedrive" -> pipedrive();
            default -> throw new IllegalArgumentException("unknown CRM " + crm);
        };
    }

    private List<Logged> salesforce() throws Exception {
        String soql = "SELECT Id, WhoId, Subject, Status, Description, PenguinMails_Id__c, OwnerId FROM Task";
        JsonNode page = get(info.get().get("restBaseUrl") + "/query?q=" + URLEncoder.encode(soql,
                StandardCharsets.UTF_8), "Authorization", "Bearer " + info.get().get("accessToken"));
        List<Logged> logged = new ArrayList<>();
        while (true) {
            for (JsonNode task : page.get("records")) {
                if (!task.path("PenguinMails_Id__c").isNull() && !task.path("PenguinMails_Id__c").isMissingNode()) {
                    logged.add(new Logged(task.get("PenguinMails_Id__c").asString(), task.get("Id").asString(),
                            task.get("WhoId").asString(), task.get("Subject").asString(),
                            task.path("Description").asString(""), !"Completed".equals(task.get("Status").asString()),
                            task.get("Status").asString(), task.path("OwnerId").asString(""), ""));
                }
            }
            if (page.path("done").asBoolean(true)) {
                return logged;
            }
            String base = info.get().get("instanceUrl").toString();
            page = get(base + page.get("nextRecordsUrl").asString(), "Authorization",
                    "Bearer " + info.get().get("accessToken"));
        }
    }

    private List<Logged> hubspot(String object, String subject, String body, String status) throws Exception {
        List<Logged> logged = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = hubspotGet("/crm/v3/objects/" + object + "?limit=100&properties=penguinmails_activity_key,"
                    + subject + "," + body + "," + status + (after == null ? "" : "&after=" + after));
            for (JsonNode record : page.get("results")) {
                JsonNode properties = record.get("properties");
                String key = properties.path("penguinmails_activity_key").asString("");
                if (key.isEmpty()) {
                    continue;
                }
                String id = record.get("id").asString();
                logged.add(new Logged(key, id, object, properties.path(subject).asString(""),
                        properties.path(body).asString(""), object.equals("tasks"),
                        properties.path(status).asString(""), "", ""));
            }
            after = page.path("paging").path("next").path("after").asString(null);
        } while (after != null);
        return logged;
    }

    /**
     * The record an activity is on: for HubSpot read from its contact association, one call each (HubSpot's
     * ten-second limit counts these reads too, so {@link #all} does not make them).
     */
    public String who(Logged logged) throws Exception {
        if (crm != HubSpotConnectorProvider.KIND) {
            return logged.whoId();
        }
        JsonNode associations = hubspotGet("/crm/v4/objects/" + logged.whoId() + "/" + logged.crmId()
                + "/associations/contacts");
        return associations.get("results").isEmpty() ? "" : associations.get("results").get(0).get("toObjectId")
                .asString();
    }

    /** The company an activity shows on: HubSpot's company association, Pipedrive's organization. */
    public String company(Logged logged) throws Exception {
        if (crm != HubSpotConnectorProvider.KIND) {
            return logged.company();
        }
        JsonNode associations = hubspotGet("/crm/v4/objects/" + logged.whoId() + "/" + logged.crmId()
                + "/associations/companies");
        return associations.get("results").isEmpty() ? "" : associations.get("results").get(0).get("toObjectId")
                .asString();
    }

    private JsonNode hubspotGet(String path) throws Exception {
        return get(info.get().get("baseUrl") + path, "Authorization", "Bearer " + info.get().get("privateAppToken"));
    }

    private List<Logged> pipedrive() throws Exception {
        List<Logged> logged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get(info.get().get("apiDomain") + "/api/v2/activities?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), "x-api-token", info.get().get("apiToken").toString());
            for (JsonNode activity : page.get("data")) {
                Matcher marker = MARKER.matcher(activity.path("note").asString(""));
                if (marker.find()) {
                    logged.add(new Logged(marker.group(1), activity.get("id").asString(),
                            activity.path("person_id").asString(""), activity.path("subject").asString(""),
                            activity.path("note").asString(""), !activity.path("done").asBoolean(),
                            activity.path("type").asString(""), activity.path("owner_id").asString(""),
                            activity.path("org_id").asString("")));
                }
            }
            cursor = page.path("additional_data").path("next_cursor").asString(null);
        } while (cursor != null);
        return logged;
    }

    private JsonNode get(String url, String header, String value) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
