package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Bulk API 2.0 query jobs: create one for a SOQL query, wait for JobComplete, then read its CSV results a page at a
 * time ({@code maxRecords}, {@code Sforce-Locator}). Calls per job: 1 create + the looks at it + 1 per page.
 */
final class BulkQuery {

    /** A page of results: header, rows, and the locator of the next page (null after the last). */
    record Results(String[] header, List<String[]> rows, @Nullable String next) {
    }

    private final BulkJobs jobs;

    BulkQuery(BulkJobs jobs) {
        this.jobs = jobs;
    }

    /** Creates a query job and waits until its results can be read; returns its id. */
    String run(String object, String soql) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("operation", "query");
        request.put("query", soql);
        request.put("contentType", "CSV");
        request.put("columnDelimiter", "COMMA");
        request.put("lineEnding", "LF");
        JsonNode created = jobs.rest().json("bulk query " + object + " create", "POST", "/jobs/query", request)
                .json();
        String id = created.path("id").asString("");
        JsonNode job = jobs.await("bulk query " + object + " status", "/jobs/query/" + id);
        if (!"JobComplete".equals(job.path("state").asString(""))) {
            throw new CrmApiException("bulk query " + object + " job " + id + " ended " + job.path("state")
                    .asString("") + ": " + job.path("errorMessage").asString(""));
        }
        return id;
    }

    /** One page of the job's results from {@code locator} (null = first page). */
    Results page(String object, String jobId, @Nullable String locator, int maxRecords) {
        String path = "/jobs/query/" + jobId + "/results?maxRecords=" + maxRecords
                + (locator == null ? "" : "&locator=" + locator);
        RestClient.Response response = jobs.rest().get("bulk query " + object + " results", path);
        List<String[]> rows = BulkJobs.readCsv(response.body());
        String next = response.locator() == null || "null".equals(response.locator()) ? null : response.locator();
        if (rows.isEmpty()) {
            return new Results(new String[0], List.of(), next);
        }
        return new Results(rows.get(0), rows.subList(1, rows.size()), next);
    }
}
