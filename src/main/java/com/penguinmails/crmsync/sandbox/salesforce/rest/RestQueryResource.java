package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.soql.CompiledQuery;
import com.penguinmails.crmsync.sandbox.salesforce.soql.QueryCursors;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlCompiler;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlException;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET query?q=}, {@code queryAll?q=} (recycle bin included) and {@code query/{locator}}:
 * {@code {totalSize, done, nextRecordsUrl?, records}} in batches of {@code Sforce-Query-Options: batchSize=} (default
 * and maximum 2,000, minimum 200); SOQL errors are 400 MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE, and an unknown
 * or released locator is 400 INVALID_QUERY_LOCATOR.
 */
public final class RestQueryResource {

    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;
    private static final Pattern BATCH_SIZE = Pattern.compile("(?i)batchSize\\s*=\\s*(\\d+)");

    private final RecordStore store;
    private final SoqlCompiler compiler;
    private final QueryCursors cursors;

    public RestQueryResource(RecordStore store, SoqlCompiler compiler, QueryCursors cursors) {
        this.store = store;
        this.compiler = compiler;
        this.cursors = cursors;
    }

    public SandboxResponse query(SandboxRequest request) {
        return run(request, false);
    }

    public SandboxResponse queryAll(SandboxRequest request) {
        return run(request, true);
    }

    public SandboxResponse more(SandboxRequest request) {
        Optional<Map.Entry<QueryCursors.Cursor, Integer>> resolved = cursors.resolve(request.pathParam("locator"));
        if (resolved.isEmpty()) {
            return RestErrors.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        QueryCursors.Cursor cursor = resolved.get().getKey();
        int offset = resolved.get().getValue();
        int batch = batchSize(request);
        String next = null;
        if (offset + batch < cursor.rows().size()) {
            next = cursor.id() + "-" + (offset + batch);
        } else {
            cursors.release(cursor.id());
        }
        return page(request, cursor.object(), cursor.rows(), offset, batch, next);
    }

    private SandboxResponse run(SandboxRequest request, boolean includeDeleted) {
        Optional<String> soql = request.queryParam("q");
        if (soql.isEmpty() || soql.get().isBlank()) {
            return RestErrors.error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        CompiledQuery query;
        try {
            query = compiler.compile(soql.get());
        } catch (SoqlException e) {
            return RestErrors.error(400, e.code(), e.getMessage());
        }
        List<Map<String, @Nullable Object>> rows = query.run(store.rows(query.object(), includeDeleted));
        int batch = batchSize(request);
        String locator = rows.size() > batch ? cursors.open(query.object().name(), rows, batch) : null;
        return page(request, query.object().name(), rows, 0, batch, locator);
    }

    private static SandboxResponse page(SandboxRequest request, String object,
                                        List<Map<String, @Nullable Object>> rows, int offset, int batch,
                                        @Nullable String locator) {
        String version = request.pathParam("version");
        List<Map<String, @Nullable Object>> records = new ArrayList<>();
        for (Map<String, @Nullable Object> row : rows.subList(offset, Math.min(rows.size(), offset + batch))) {
            records.add(RestRecords.json(version, object, row));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", rows.size());
        body.put("done", locator == null);
        if (locator != null) {
            body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator);
        }
        body.put("records", records);
        return SandboxResponse.json(200, body);
    }

    private static int batchSize(SandboxRequest request) {
        Matcher m = BATCH_SIZE.matcher(request.header("Sforce-Query-Options").orElse(""));
        if (!m.find()) {
            return DEFAULT_BATCH;
        }
        try {
            return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, Integer.parseInt(m.group(1))));
        } catch (NumberFormatException e) {
            return DEFAULT_BATCH;
        }
    }
}
