package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.model.SaveError;
import com.penguinmails.crmsync.sandbox.salesforce.model.SaveOutcome;
import com.penguinmails.crmsync.sandbox.salesforce.model.WriteRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Applies an ingest job's CSV to the store the way Bulk API 2.0 does: header of field API names (an unknown one fails
 * the job), line endings as declared, empty cells leave a field unchanged, {@code #N/A} sets it to null, records in
 * internal batches of 10,000, one success or failure row per record with {@code sf__Id}, {@code sf__Created} /
 * {@code sf__Error} and the original columns.
 */
final class IngestProcessor {

    static final int INTERNAL_BATCH = 10_000;
    private static final String NULL_MARKER = "#N/A";

    private final RecordStore store;

    IngestProcessor(RecordStore store) {
        this.store = store;
    }

    /** Processes {@code job} (called with the job's monitor held); sets its state to JobComplete or Failed. */
    void process(IngestJob job) {
        long started = System.nanoTime();
        String csv = job.csv == null ? "" : job.csv;
        ObjectDef object = store.schema().object(job.object).orElseThrow();
        String failure = lineEndingProblem(csv, job.dialect);
        List<String[]> rows = List.of();
        if (failure == null) {
            try {
                rows = BulkCsv.read(csv, job.dialect);
            } catch (IllegalArgumentException e) {
                failure = "ClientInputError : " + e.getMessage();
            }
        }
        if (failure == null && rows.isEmpty()) {
            failure = "InvalidBatch : Empty CSV file";
        }
        if (failure == null) {
            failure = headerProblem(rows.get(0), object, job);
        }
        if (failure != null) {
            job.state = "Failed";
            job.errorMessage = failure;
            job.processed = true;
            return;
        }
        job.header = rows.get(0);
        List<String[]> records = rows.subList(1, rows.size());
        for (int from = 0; from < records.size(); from += INTERNAL_BATCH) {
            List<String[]> batch = records.subList(from, Math.min(records.size(), from + INTERNAL_BATCH));
            job.origin.during(() -> {
                apply(job, object, batch);
                return null;
            });
        }
        job.processingMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        job.state = "JobComplete";
        job.processed = true;
    }

    private void apply(IngestJob job, ObjectDef object, List<String[]> batch) {
        List<WriteRequest> requests = new ArrayList<>();
        for (String[] row : batch) {
            requests.add(request(job, object, row));
        }
        List<SaveOutcome> outcomes;
        switch (job.operation) {
            case "insert" -> outcomes = requests.stream().map(store::create).toList();
            case "update" -> outcomes = requests.stream().map(store::update).toList();
            case "upsert" -> outcomes = store.upsert(object.name(), String.valueOf(job.externalIdFieldName),
                    requests);
            default -> outcomes = requests.stream().map(r -> r.id() == null || r.id().isEmpty()
                    ? SaveOutcome.failed(null, SaveError.of("MISSING_ARGUMENT", "Id not specified"))
                    : store.delete(r.id())).toList();
        }
        for (int i = 0; i < batch.size(); i++) {
            SaveOutcome outcome = outcomes.get(i);
            String[] row = batch.get(i);
            String[] result = new String[row.length + 2];
            result[0] = outcome.id() == null ? "" : outcome.id();
            System.arraycopy(row, 0, result, 2, row.length);
            if (outcome.success()) {
                result[1] = Boolean.toString(outcome.created());
                job.successful.add(result);
            } else {
                result[1] = outcome.errors().stream().map(e -> e.statusCode() + ":" + e.message() + ":"
                        + String.join(",", e.fields()) + " --").collect(Collectors.joining(" "));
                job.failed.add(result);
            }
        }
    }

    private static WriteRequest request(IngestJob job, ObjectDef object, String[] row) {
        String id = null;
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (int i = 0; i < job.header.length && i < row.length; i++) {
            String column = job.header[i];
            String cell = row[i];
            if (column.equalsIgnoreCase("Id")) {
                id = cell;
            } else if (cell.equals(NULL_MARKER)) {
                values.put(column, null);
            } else if (!cell.isEmpty()) {
                values.put(column, cell);
            }
        }
        return new WriteRequest(object.name(), id, values);
    }

    private static @Nullable String lineEndingProblem(String csv, CsvDialect dialect) {
        boolean crlf = csv.contains("\r\n");
        boolean bareLf = csv.replace("\r\n", "").contains("\n");
        if (dialect.lineEnding().equals("LF") && crlf) {
            return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF";
        }
        if (dialect.lineEnding().equals("CRLF") && bareLf) {
            return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF";
        }
        return null;
    }

    private static @Nullable String headerProblem(String[] header, ObjectDef object, IngestJob job) {
        for (String column : header) {
            if (column.isEmpty() || object.field(column).isEmpty()) {
                return "InvalidBatch : Field name not found : " + column;
            }
        }
        List<String> columns = Arrays.stream(header).map(String::toLowerCase).toList();
        if ((job.operation.equals("update") || job.operation.equals("delete") || job.operation.equals("hardDelete"))
                && !columns.contains("id")) {
            return "InvalidBatch : Field name not found : Id";
        }
        if ((job.operation.equals("delete") || job.operation.equals("hardDelete")) && columns.size() != 1) {
            return "InvalidBatch : Delete only supports the Id column";
        }
        if (job.operation.equals("upsert") && job.externalIdFieldName != null
                && !columns.contains(job.externalIdFieldName.toLowerCase())) {
            return "InvalidBatch : Field name not found : " + job.externalIdFieldName;
        }
        return null;
    }
}
