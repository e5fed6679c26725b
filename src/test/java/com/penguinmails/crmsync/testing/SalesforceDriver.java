package com.penguinmails.crmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.sforce.soap.partner.MergeRequest;
import com.sforce.soap.partner.MergeResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce: REST sObjects and SOQL with the sandbox's access token, merges through the SOAP Partner API; persons
 * are Contacts.
 */
public final class SalesforceDriver extends CrmDriver {

    private final SalesforceSandbox sandbox;

    SalesforceDriver(SalesforceSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    @Override
    public SalesforceSandbox sandbox() {
        return sandbox;
    }

    @Override
    public JsonNode call(String method, String path, @Nullable String body) throws Exception {
        return SandboxConnections.call(method, info().get("restBaseUrl") + path, "Authorization",
                "Bearer " + info().get("accessToken"), body);
    }

    /** The records of a SOQL query, every page of them. */
    public List<JsonNode> soql(String query) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = call("GET", "/query?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
        page.get("records").forEach(records::add);
        while (!page.path("done").asBoolean(true)) {
            page = SandboxConnections.call("GET", info().get("instanceUrl") + page.get("nextRecordsUrl").asString(),
                    "Authorization", "Bearer " + info().get("accessToken"), null);
            page.get("records").forEach(records::add);
        }
        return records;
    }

    private JsonNode contact(String id, String fields) throws Exception {
        return soql("SELECT " + fields + " FROM Contact WHERE Id = '" + id + "'").get(0);
    }

    private void patch(String id, String json) throws Exception {
        call("PATCH", "/sobjects/Contact/" + id, json);
    }

    @Override
    public String create(String email, @Nullable String first, String last) throws Exception {
        return call("POST", "/sobjects/Contact", "{" + (first == null ? "" : "\"FirstName\": \"" + first + "\", ")
                + "\"LastName\": \"" + last + "\", \"Email\": \"" + email + "\"}").get("id").asString();
    }

    @Override
    public void update(String id, String field, String value) throws Exception {
        patch(id, "{\"" + field + "\": \"" + value + "\"}");
    }

    @Override
    public @Nullable String field(String id, String field) throws Exception {
        return text(contact(id, field).get(field));
    }

    @Override
    public void delete(String id) throws Exception {
        call("DELETE", "/sobjects/Contact/" + id, null);
    }

    @Override
    public void merge(String survivor, String loser) throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setServiceEndpoint(info().get("soapEndpoint").toString());
        config.setSessionId(info().get("accessToken").toString());
        SObject master = new SObject("Contact");
        master.setId(survivor);
        MergeRequest request = new MergeRequest();
        request.setMasterRecord(master);
        request.setRecordToMergeIds(new String[] {loser});
        MergeResult result = new PartnerConnection(config).merge(new MergeRequest[] {request})[0];
        assertThat(result.isSuccess()).as("merge").isTrue();
    }

    @Override
    public boolean optedOut(String id) throws Exception {
        return contact(id, "HasOptedOutOfEmail").get("HasOptedOutOfEmail").asBoolean();
    }

    @Override
    public void optOut(String id, boolean optedOut) throws Exception {
        patch(id, "{\"HasOptedOutOfEmail\": " + optedOut + "}");
    }

    /** The e-mail of every Contact and Lead. */
    @Override
    public List<String> emails() throws Exception {
        List<String> emails = new ArrayList<>();
        for (String object : List.of("Contact", "Lead")) {
            for (JsonNode row : soql("SELECT Email FROM " + object)) {
                emails.add(text(row.get("Email")));
            }
        }
        return emails;
    }

    @Override
    public String emailField() {
        return "Email";
    }

    @Override
    public String phoneField() {
        return "Phone";
    }

    @Override
    public String firstNameField() {
        return "FirstName";
    }

    @Override
    public String lastNameField() {
        return "LastName";
    }

    @Override
    public String titleField() {
        return "Title";
    }

    @Override
    public String deletedField() {
        return "PenguinMails_Deleted__c";
    }

    /**
     * The REST write routes by count, and the SystemModstamp of every Contact and Lead: the connector writes through
     * SOAP calls that also carry its reads, so a write shows as a record modified.
     */
    @Override
    public Map<String, Object> writeFootprint() throws Exception {
        Map<String, Object> footprint = super.writeFootprint();
        for (String object : List.of("Contact", "Lead")) {
            for (JsonNode row : soql("SELECT Id, SystemModstamp FROM " + object)) {
                footprint.put(row.get("Id").asString(), row.get("SystemModstamp").asString());
            }
        }
        return footprint;
    }

    @Override
    public boolean isWrite(String route) {
        return route.matches("(POST|PATCH|PUT|DELETE) /services/data/\\{version}/(sobjects|jobs/ingest).*");
    }

    @Override
    public long appliedUnanswered() {
        return server().stats().appliedUnanswered("POST /services/Soap/u/{version}");
    }

    /** The Tasks logged by the suite (those with a PenguinMails id), every page of them. */
    @Override
    public CrmTimelines timeline() {
        return () -> {
            List<CrmTimelines.Logged> logged = new ArrayList<>();
            for (JsonNode task : soql("SELECT Id, WhoId, Subject, Status, Description, PenguinMails_Id__c, OwnerId "
                    + "FROM Task")) {
                if (!task.path("PenguinMails_Id__c").isNull() && !task.path("PenguinMails_Id__c").isMissingNode()) {
                    logged.add(new CrmTimelines.Logged(task.get("PenguinMails_Id__c").asString(),
                            task.get("Id").asString(), task.get("WhoId").asString(), task.get("Subject").asString(),
                            task.path("Description").asString(""), !"Completed".equals(task.get("Status").asString()),
                            task.get("Status").asString(), task.path("OwnerId").asString(""), ""));
                }
            }
            return logged;
        };
    }

    /** Edits in Salesforce reach the next delta once their minute has passed. */
    @Override
    public void beforeRun() {
        server().clock().advance(Duration.ofMinutes(2));
    }
}
