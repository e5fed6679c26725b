package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.rest.RestDates;
import com.penguinmails.crmsync.sandbox.salesforce.soql.CompiledQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One Bulk API 2.0 query job: the bound query, its state and, once run, the result rows. Guarded by its monitor. */
final class QueryJob {

    final String id;
    final String operation;
    final CompiledQuery query;
    final CsvDialect dialect;
    final Instant createdDate;
    final String createdById;
    final String apiVersion;
    String state = "UploadComplete";
    Instant systemModstamp;
    @Nullable List<Map<String, @Nullable Object>> rows;
    long processingMillis;

    QueryJob(String id, String operation, CompiledQuery query, CsvDialect dialect, Instant createdDate,
             String createdById, String apiVersion) {
        this.id = id;
        this.operation = operation;
        this.query = query;
        this.dialect = dialect;
        this.createdDate = createdDate;
        this.systemModstamp = createdDate;
        this.createdById = createdById;
        this.apiVersion = apiVersion;
    }

    Map<String, Object> info(boolean withCounts) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("operation", operation);
        info.put("object", query.object().name());
        info.put("createdById", createdById);
        info.put("createdDate", RestDates.format(createdDate));
        info.put("systemModstamp", RestDates.format(systemModstamp));
        info.put("state", state);
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", Double.parseDouble(apiVersion));
        info.put("lineEnding", dialect.lineEnding());
        info.put("columnDelimiter", dialect.columnDelimiter());
        if (withCounts) {
            info.put("jobType", "V2Query");
            info.put("numberRecordsProcessed", state.equals("JobComplete") && rows != null ? rows.size() : 0);
            info.put("retries", 0);
            info.put("totalProcessingTime", processingMillis);
            info.put("isPkChunkingSupported", true);
        }
        return info;
    }
}
