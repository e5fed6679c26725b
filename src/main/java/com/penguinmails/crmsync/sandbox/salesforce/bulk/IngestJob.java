package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Bulk API 2.0 ingest job: its settings, the uploaded CSV, its state (Open, UploadComplete, InProgress,
 * JobComplete, Failed, Aborted) and, once processed, the result rows. Guarded by its own monitor.
 */
final class IngestJob {

    final String id;
    final String object;
    final String operation;
    final @Nullable String externalIdFieldName;
    final CsvDialect dialect;
    final Instant createdDate;
    final String createdById;
    final String apiVersion;
    /** The change origin of the job's writes: Bulk API, with the client id its creation sent. */
    com.penguinmails.crmsync.sandbox.salesforce.model.ChangeOrigin origin;
    String state = "Open";
    Instant systemModstamp;
    @Nullable String csv;
    @Nullable String errorMessage;
    boolean processed;
    long processingMillis;
    String[] header = new String[0];
    final List<String[]> successful = new ArrayList<>();
    final List<String[]> failed = new ArrayList<>();
    final List<String[]> unprocessed = new ArrayList<>();

    IngestJob(String id, String object, String operation, @Nullable String externalIdFieldName, CsvDialect dialect,
              Instant createdDate, String createdById, String apiVersion) {
        this.id = id;
        this.object = object;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
        this.dialect = dialect;
        this.createdDate = createdDate;
        this.systemModstamp = createdDate;
        this.createdById = createdById;
        this.apiVersion = apiVersion;
        this.origin = new com.penguinmails.crmsync.sandbox.salesforce.model.ChangeOrigin("bulkapi", apiVersion, null);
    }

    boolean terminal() {
        return state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted");
    }

    /** The job info JSON Salesforce returns from create, PATCH and GET. */
    Map<String, Object> info(boolean withCounts) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("operation", operation);
        info.put("object", object);
        info.put("createdById", createdById);
        info.put("createdDate", com.penguinmails.crmsync.sandbox.salesforce.rest.RestDates.format(createdDate));
        info.put("systemModstamp", com.penguinmails.crmsync.sandbox.salesforce.rest.RestDates.format(systemModstamp));
        info.put("state", state);
        info.put("externalIdFieldName", externalIdFieldName);
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", Double.parseDouble(apiVersion));
        info.put("contentUrl", "services/data/v" + apiVersion + "/jobs/ingest/" + id + "/batches");
        info.put("lineEnding", dialect.lineEnding());
        info.put("columnDelimiter", dialect.columnDelimiter());
        if (withCounts) {
            boolean visible = state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted");
            info.put("jobType", "V2Ingest");
            info.put("numberRecordsProcessed", visible ? successful.size() + failed.size() : 0);
            info.put("numberRecordsFailed", visible ? failed.size() : 0);
            info.put("retries", 0);
            info.put("totalProcessingTime", visible ? processingMillis : 0);
            info.put("apiActiveProcessingTime", visible ? processingMillis : 0);
            info.put("apexProcessingTime", 0);
            if (errorMessage != null) {
                info.put("errorMessage", errorMessage);
            }
        }
        return info;
    }
}
