package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.rest.RestErrors;
import com.penguinmails.crmsync.sandbox.salesforce.soql.CompiledQuery;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlCompiler;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlException;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Bulk API 2.0 query jobs under {@code jobs/query}: create (the SOQL is checked at once), job info (UploadComplete,
 * then InProgress, then JobComplete as the job is looked at; the query runs on the InProgress step), CSV results paged
 * with {@code maxRecords} and the {@code Sforce-Locator} header ("null" on the last page), abort and delete.
 */
public final class QueryResource {

    private static final Set<String> CREATE_FIELDS = Set.of("operation", "query", "columnDelimiter", "lineEnding",
            "contentType");
    private static final int DEFAULT_MAX_RECORDS = 50_000;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final RecordStore store;
    private final SoqlCompiler compiler;
    private final BulkJobs jobs;
    private final Clock clock;

    public QueryResource(RecordStore store, SoqlCompiler compiler, BulkJobs jobs, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.jobs = jobs;
        this.clock = clock;
    }

    public SandboxResponse create(SandboxRequest request) {
        JsonNode body;
        try {
            body = BulkJson.read(request.body(), CREATE_FIELDS);
        } catch (BulkJson.Rejected e) {
            return e.response();
        }
        String operation = BulkJson.text(body, "operation", "");
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            return RestErrors.error(400, "INVALIDJOB", "Invalid operation: " + operation
                    + "; a query job's operation is query or queryAll");
        }
        if (!"CSV".equals(BulkJson.text(body, "contentType", "CSV"))) {
            return RestErrors.error(400, "INVALIDJOB", "Invalid contentType: only CSV is supported");
        }
        Optional<CsvDialect> dialect = CsvDialect.of(BulkJson.text(body, "columnDelimiter", "COMMA"),
                BulkJson.text(body, "lineEnding", "LF"));
        if (dialect.isEmpty()) {
            return RestErrors.error(400, "INVALIDJOB", "Invalid columnDelimiter or lineEnding");
        }
        CompiledQuery query;
        try {
            query = compiler.compile(BulkJson.text(body, "query", ""));
        } catch (SoqlException e) {
            return RestErrors.error(400, e.code(), e.getMessage());
        }
        QueryJob job = new QueryJob(jobs.nextId(), operation, query, dialect.get(), clock.instant(), store.userId(),
                request.pathParam("version").substring(1));
        jobs.addQuery(job);
        synchronized (job) {
            return SandboxResponse.json(200, job.info(false));
        }
    }

    public SandboxResponse get(SandboxRequest request) {
        QueryJob job = jobs.query(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        synchronized (job) {
            if (job.state.equals("UploadComplete")) {
                job.state = "InProgress";
            } else if (job.state.equals("InProgress")) {
                long started = System.nanoTime();
                job.rows = job.query.run(store.rows(job.query.object(), job.operation.equals("queryAll")));
                job.processingMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                job.state = "JobComplete";
            }
            job.systemModstamp = clock.instant();
            return SandboxResponse.json(200, job.info(true));
        }
    }

    public SandboxResponse patch(SandboxRequest request) {
        QueryJob job = jobs.query(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        JsonNode body;
        try {
            body = BulkJson.read(request.body(), Set.of("state"));
        } catch (BulkJson.Rejected e) {
            return e.response();
        }
        synchronized (job) {
            if (!"Aborted".equals(BulkJson.text(body, "state", "")) || job.state.equals("JobComplete")
                    || job.state.equals("Aborted")) {
                return RestErrors.error(400, "INVALIDJOB", "Invalid state transition from " + job.state + " to "
                        + BulkJson.text(body, "state", ""));
            }
            job.state = "Aborted";
            job.systemModstamp = clock.instant();
            return SandboxResponse.json(200, job.info(false));
        }
    }

    public SandboxResponse results(SandboxRequest request) {
        QueryJob job = jobs.query(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        int maxRecords;
        int offset;
        try {
            maxRecords = request.queryParam("maxRecords").map(Integer::parseInt).orElse(DEFAULT_MAX_RECORDS);
            offset = request.queryParam("locator").filter(l -> !l.isEmpty())
                    .map(l -> Integer.parseInt(new String(Base64.getDecoder().decode(l), StandardCharsets.UTF_8)))
                    .orElse(0);
        } catch (IllegalArgumentException e) {
            return RestErrors.error(400, "INVALIDLOCATOR", "The locator or maxRecords value is not valid");
        }
        if (maxRecords < 1 || offset < 0) {
            return RestErrors.error(400, "INVALIDLOCATOR", "The locator or maxRecords value is not valid");
        }
        synchronized (job) {
            if (!job.state.equals("JobComplete") || job.rows == null) {
                return RestErrors.error(400, "INVALIDJOB", "Results are available once the job is JobComplete; "
                        + "job " + job.id + " is " + job.state);
            }
            List<Map<String, @Nullable Object>> rows = job.rows;
            if (offset > rows.size()) {
                return RestErrors.error(400, "INVALIDLOCATOR", "The locator value is not valid");
            }
            int end = Math.min(rows.size(), offset + maxRecords);
            List<String[]> out = new ArrayList<>();
            out.add(job.query.fields().stream().map(FieldDef::name).toArray(String[]::new));
            for (Map<String, @Nullable Object> row : rows.subList(offset, end)) {
                out.add(row.values().stream().map(QueryResource::cell).toArray(String[]::new));
            }
            String next = end < rows.size() ? Base64.getEncoder().withoutPadding().encodeToString(
                    Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : "null";
            return SandboxResponse.text(200, "text/csv", BulkCsv.write(out, job.dialect))
                    .withHeader("Sforce-NumberOfRecords", Integer.toString(end - offset))
                    .withHeader("Sforce-Locator", next);
        }
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return DATETIME.format(instant);
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static SandboxResponse notFound() {
        return RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
    }
}
