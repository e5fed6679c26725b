package com.penguinmails.crmsync.connector.salesforce.internal;

import com.opencsv.CSVWriter;
import com.penguinmails.crmsync.core.WriteResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Writes records with Bulk API 2.0 ingest jobs: CSV (opencsv, LF, {@code #N/A} for null, the key column first) is
 * uploaded in one PUT per job (a new job per ~100 MB), the job is closed, watched until it ends, and its successful,
 * failed and unprocessed rows are matched back to the inputs by the key column (Id or the external id), never by
 * row order, which Salesforce does not keep; an input no result row names was not processed (an aborted or failed
 * job: its {@code unprocessedrecords}) and is reported NOT_PROCESSED without another call. Calls per job: create,
 * upload, close, the looks at it, successful results, and failed results only when the job reports failures.
 */
final class BulkIngest {

    /** Bulk API 2.0 takes 150 MB of base64-encoded CSV per upload, about 100 MB raw. */
    static final int MAX_UPLOAD_CHARS = 100_000_000;

    private final BulkJobs jobs;

    BulkIngest(BulkJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * @param operation {@code update} (key = Id) or {@code upsert} (key = {@code keyField}, an external id)
     */
    List<WriteResult> write(String object, String operation, String keyField, List<SoapWriter.Row> rows) {
        List<String> header = header(keyField, rows);
        List<WriteResult> results = new ArrayList<>();
        List<SoapWriter.Row> chunk = new ArrayList<>();
        StringWriter csv = new StringWriter();
        CSVWriter writer = writer(csv, header);
        for (SoapWriter.Row row : rows) {
            writer.writeNext(cells(header, row), false);
            chunk.add(row);
            if (csv.getBuffer().length() >= MAX_UPLOAD_CHARS) {
                results.addAll(job(object, operation, keyField, chunk, flush(writer, csv)));
                chunk = new ArrayList<>();
                csv = new StringWriter();
                writer = writer(csv, header);
            }
        }
        if (!chunk.isEmpty()) {
            results.addAll(job(object, operation, keyField, chunk, flush(writer, csv)));
        }
        return results;
    }

    private List<WriteResult> job(String object, String operation, String keyField, List<SoapWriter.Row> rows,
                                  String csv) {
        Map<String, Object> request = new HashMap<>();
        request.put("object", object);
        request.put("operation", operation);
        if (operation.equals("upsert")) {
            request.put("externalIdFieldName", keyField);
        }
        request.put("contentType", "CSV");
        request.put("columnDelimiter", "COMMA");
        request.put("lineEnding", "LF");
        String name = "bulk " + operation + " " + object;
        String id = jobs.rest().json(name + " create", "POST", "/jobs/ingest", request).json().path("id")
                .asString("");
        String path = "/jobs/ingest/" + id;
        jobs.rest().csv(name + " upload", path + "/batches", csv);
        jobs.rest().json(name + " close", "PATCH", path, Map.of("state", "UploadComplete"));
        JsonNode job = jobs.await(name + " status", path);
        Map<String, Deque<SoapWriter.Row>> pending = new HashMap<>();
        rows.forEach(r -> pending.computeIfAbsent(r.key(), k -> new ArrayDeque<>()).add(r));
        List<WriteResult> results = new ArrayList<>();
        long processed = job.path("numberRecordsProcessed").asLong(0);
        long failed = job.path("numberRecordsFailed").asLong(0);
        if (processed > failed) {
            match(jobs.rest().get(name + " successful results", path + "/successfulResults").body(), keyField,
                    pending, results, true);
        }
        if (failed > 0) {
            match(jobs.rest().get(name + " failed results", path + "/failedResults").body(), keyField, pending,
                    results, false);
        }
        String state = job.path("state").asString("");
        String unknown = SoapFaults.UnknownField.named(job.path("errorMessage").asString(""));
        if (processed == 0 && unknown != null && !unknown.equalsIgnoreCase(keyField)) {
            throw new SoapFaults.UnknownField(name + " failed: " + job.path("errorMessage").asString(""), unknown);
        }
        String reason = "Bulk API job " + id + " ended " + state + " without processing the record"
                + (job.path("errorMessage").asString("").isEmpty() ? ""
                : ": " + job.path("errorMessage").asString(""));
        pending.values().forEach(left -> left.forEach(row -> results.add(Refusals.failed(row.index(),
                "NOT_PROCESSED", reason, null, row.fields()))));
        return results;
    }

    private static void match(String body, String keyField, Map<String, Deque<SoapWriter.Row>> pending,
                              List<WriteResult> results, boolean success) {
        List<String[]> rows = BulkJobs.readCsv(body);
        if (rows.isEmpty()) {
            return;
        }
        String[] header = rows.get(0);
        int key = -1;
        for (int i = 2; i < header.length; i++) {
            if (header[i].equalsIgnoreCase(keyField)) {
                key = i;
            }
        }
        for (String[] row : rows.subList(1, rows.size())) {
            String sfId = row.length > 0 ? row[0] : "";
            Deque<SoapWriter.Row> candidates = key >= 0 && key < row.length ? pending.get(row[key]) : null;
            if ((candidates == null || candidates.isEmpty()) && !sfId.isEmpty()) {
                candidates = pending.get(sfId);
            }
            SoapWriter.Row input = candidates == null ? null : candidates.poll();
            if (input == null) {
                continue;
            }
            String second = row.length > 1 ? row[1] : "";
            results.add(success ? WriteResult.written(input.index(), sfId, Boolean.parseBoolean(second))
                    : refusal(input, second));
        }
    }

    /** {@code sf__Error}: {@code CODE:message:field,field --}, possibly several. */
    private static WriteResult refusal(SoapWriter.Row input, String error) {
        String first = error.contains(" --") ? error.substring(0, error.indexOf(" --")) : error;
        int colon = first.indexOf(':');
        String code = colon < 0 ? first.trim() : first.substring(0, colon).trim();
        String rest = colon < 0 ? "" : first.substring(colon + 1);
        int last = rest.lastIndexOf(':');
        String message = last < 0 ? rest : rest.substring(0, last);
        String[] fields = last < 0 || rest.substring(last + 1).isBlank() ? null
                : rest.substring(last + 1).trim().split(",");
        return Refusals.failed(input.index(), code.isEmpty() ? "UNKNOWN_ERROR" : code, message.trim(), fields,
                input.fields());
    }

    private static List<String> header(String keyField, List<SoapWriter.Row> rows) {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(keyField);
        for (SoapWriter.Row row : rows) {
            row.fields().keySet().stream().filter(f -> !f.equals("Id")).forEach(columns::add);
        }
        return List.copyOf(columns);
    }

    private static String[] cells(List<String> header, SoapWriter.Row row) {
        String[] cells = new String[header.size()];
        cells[0] = row.key();
        for (int i = 1; i < header.size(); i++) {
            String column = header.get(i);
            cells[i] = row.fields().containsKey(column) ? Values.csv(row.fields().get(column)) : "";
        }
        return cells;
    }

    private static CSVWriter writer(StringWriter out, List<String> header) {
        CSVWriter writer = new CSVWriter(out, ',', '"', '"', "\n");
        writer.writeNext(header.toArray(String[]::new), false);
        return writer;
    }

    private static String flush(CSVWriter writer, StringWriter out) {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
