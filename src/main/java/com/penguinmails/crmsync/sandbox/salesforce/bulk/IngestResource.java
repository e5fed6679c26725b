package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.model.ChangeOrigin;
import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.rest.RestErrors;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Bulk API 2.0 ingest under {@code jobs/ingest}: create, upload one CSV ({@code PUT .../batches}, 201), close or abort
 * ({@code PATCH {"state": ...}}), job info (each look at a closed job moves it one step: UploadComplete, InProgress,
 * then JobComplete or Failed), result CSVs once the job is finished, list and delete.
 */
public final class IngestResource {

    private static final Set<String> CREATE_FIELDS = Set.of("object", "operation", "externalIdFieldName",
            "columnDelimiter", "lineEnding", "contentType", "assignmentRuleId");
    private static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert", "delete", "hardDelete");
    /** Largest upload accepted, as documented (150 MB). */
    static final int MAX_UPLOAD_BYTES = 150 * 1024 * 1024;

    private final RecordStore store;
    private final BulkJobs jobs;
    private final IngestProcessor processor;
    private final Clock clock;

    public IngestResource(RecordStore store, BulkJobs jobs, Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.processor = new IngestProcessor(store);
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
        Optional<ObjectDef> object = store.schema().object(BulkJson.text(body, "object", ""));
        if (object.isEmpty()) {
            return invalid("Unable to find object: " + BulkJson.text(body, "object", ""));
        }
        if (!OPERATIONS.contains(operation)) {
            return invalid("Invalid operation: " + operation);
        }
        if (!"CSV".equals(BulkJson.text(body, "contentType", "CSV"))) {
            return invalid("Invalid contentType: only CSV is supported");
        }
        Optional<CsvDialect> dialect = CsvDialect.of(BulkJson.text(body, "columnDelimiter", "COMMA"),
                BulkJson.text(body, "lineEnding", "LF"));
        if (dialect.isEmpty()) {
            return invalid("Invalid columnDelimiter or lineEnding");
        }
        String externalId = null;
        if (operation.equals("upsert")) {
            String requested = BulkJson.text(body, "externalIdFieldName", "");
            if (requested.isEmpty()) {
                return invalid("External ID was blank for " + object.get().name()
                        + ". An External ID must be specified for upsert.");
            }
            Optional<FieldDef> field = object.get().field(requested).filter(FieldDef::idLookup);
            if (field.isEmpty()) {
                return invalid("Field name provided, " + requested + " is not an External ID or indexed field for "
                        + object.get().name());
            }
            externalId = field.get().name();
        }
        String version = request.pathParam("version").substring(1);
        IngestJob job = new IngestJob(jobs.nextId(), object.get().name(), operation, externalId, dialect.get(),
                clock.instant(), store.userId(), version);
        job.origin = ChangeOrigin.ofCallOptions("bulkapi", version, request.header("sforce-call-options")
                .orElse(null));
        jobs.addIngest(job);
        synchronized (job) {
            return SandboxResponse.json(200, job.info(false));
        }
    }

    public SandboxResponse upload(SandboxRequest request) {
        IngestJob job = jobs.ingest(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        String contentType = request.header("content-type").orElse("");
        if (!contentType.toLowerCase().startsWith("text/csv")) {
            return RestErrors.error(400, "INVALIDJOB", "Content-Type must be text/csv");
        }
        if (request.body().length > MAX_UPLOAD_BYTES) {
            return RestErrors.error(400, "INVALIDJOB", "The upload exceeds the 150 MB limit");
        }
        synchronized (job) {
            if (!job.state.equals("Open")) {
                return RestErrors.error(409, "INVALIDJOB", "Job " + job.id + " is not Open; data can only be "
                        + "uploaded to an Open job");
            }
            if (job.csv != null) {
                return RestErrors.error(400, "INVALIDJOB", "Found multiple contents for job: <" + job.id + ">, "
                        + "please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure "
                        + "you only do 'PUT' once on a given Job.");
            }
            job.csv = new String(request.body(), StandardCharsets.UTF_8);
            job.systemModstamp = clock.instant();
        }
        return SandboxResponse.empty(201);
    }

    public SandboxResponse patch(SandboxRequest request) {
        IngestJob job = jobs.ingest(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        JsonNode body;
        try {
            body = BulkJson.read(request.body(), Set.of("state"));
        } catch (BulkJson.Rejected e) {
            return e.response();
        }
        String target = BulkJson.text(body, "state", "");
        synchronized (job) {
            if (target.equals("UploadComplete") && job.state.equals("Open")) {
                job.state = "UploadComplete";
                jobs.countBatches((int) Math.max(1, Math.ceil(countLines(job.csv) / (double) IngestProcessor
                        .INTERNAL_BATCH)));
            } else if (target.equals("Aborted") && !job.terminal()) {
                job.state = "Aborted";
                if (!job.processed && job.csv != null) {
                    List<String[]> rows = BulkCsv.read(job.csv, job.dialect);
                    job.header = rows.isEmpty() ? new String[0] : rows.get(0);
                    job.unprocessed.addAll(rows.isEmpty() ? List.of() : rows.subList(1, rows.size()));
                }
            } else {
                return RestErrors.error(400, "INVALIDJOB", "Invalid state transition from " + job.state + " to "
                        + target);
            }
            job.systemModstamp = clock.instant();
            return SandboxResponse.json(200, job.info(false));
        }
    }

    public SandboxResponse get(SandboxRequest request) {
        IngestJob job = jobs.ingest(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        synchronized (job) {
            observe(job);
            return SandboxResponse.json(200, job.info(true));
        }
    }

    public SandboxResponse list(SandboxRequest request) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (IngestJob job : jobs.ingestJobs()) {
            synchronized (job) {
                records.add(job.info(false));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("done", true);
        body.put("records", records);
        body.put("nextRecordsUrl", null);
        return SandboxResponse.json(200, body);
    }

    public SandboxResponse delete(SandboxRequest request) {
        IngestJob job = jobs.ingest(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        synchronized (job) {
            if (!job.terminal() && !job.state.equals("Open")) {
                return RestErrors.error(400, "INVALIDJOB", "Only Open, JobComplete, Aborted or Failed jobs can be "
                        + "deleted");
            }
        }
        jobs.removeIngest(job.id);
        return SandboxResponse.empty(204);
    }

    public SandboxResponse successfulResults(SandboxRequest request) {
        return results(request, "sf__Created", job -> job.successful);
    }

    public SandboxResponse failedResults(SandboxRequest request) {
        return results(request, "sf__Error", job -> job.failed);
    }

    public SandboxResponse unprocessedRecords(SandboxRequest request) {
        return results(request, null, job -> job.unprocessed);
    }

    private SandboxResponse results(SandboxRequest request, String secondColumn,
                                    java.util.function.Function<IngestJob, List<String[]>> rows) {
        IngestJob job = jobs.ingest(request.pathParam("jobId")).orElse(null);
        if (job == null) {
            return notFound();
        }
        synchronized (job) {
            if (!job.terminal()) {
                return RestErrors.error(400, "INVALIDJOB", "Results are available once the job is JobComplete, "
                        + "Failed or Aborted; job " + job.id + " is " + job.state);
            }
            List<String[]> out = new ArrayList<>();
            if (secondColumn == null) {
                out.add(job.header);
            } else {
                String[] header = new String[job.header.length + 2];
                header[0] = "sf__Id";
                header[1] = secondColumn;
                System.arraycopy(job.header, 0, header, 2, job.header.length);
                out.add(header);
            }
            out.addAll(rows.apply(job));
            return SandboxResponse.text(200, "text/csv", BulkCsv.write(out, job.dialect));
        }
    }

    /** Moves a closed job one step per look: UploadComplete, then InProgress (processing), then its final state. */
    private void observe(IngestJob job) {
        if (job.state.equals("UploadComplete")) {
            job.state = "InProgress";
        } else if (job.state.equals("InProgress")) {
            processor.process(job);
        }
        job.systemModstamp = clock.instant();
    }

    private static int countLines(@org.jspecify.annotations.Nullable String csv) {
        return csv == null ? 0 : (int) csv.chars().filter(c -> c == '\n').count();
    }

    private static SandboxResponse invalid(String message) {
        return RestErrors.error(400, "INVALIDJOB", message);
    }

    private static SandboxResponse notFound() {
        return RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
    }
}
