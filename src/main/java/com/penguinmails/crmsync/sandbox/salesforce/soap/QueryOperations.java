package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.soql.CompiledQuery;
import com.penguinmails.crmsync.sandbox.salesforce.soql.QueryCursors;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlCompiler;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code query}, {@code queryAll} (recycle bin included) and {@code queryMore}: results in batches of
 * {@code QueryOptions.batchSize} (default and maximum 2,000, minimum 200), with a {@code queryLocator} while more
 * remain and INVALID_QUERY_LOCATOR once a locator is unknown or released.
 */
final class QueryOperations {

    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;

    private final RecordStore store;
    private final SoqlCompiler compiler;
    private final QueryCursors cursors;

    QueryOperations(RecordStore store, SoqlCompiler compiler, QueryCursors cursors) {
        this.store = store;
        this.compiler = compiler;
        this.cursors = cursors;
    }

    void query(SoapCall call, SoapXml body) {
        run(call, body, "queryResponse", false);
    }

    void queryAll(SoapCall call, SoapXml body) {
        run(call, body, "queryAllResponse", true);
    }

    private void run(SoapCall call, SoapXml body, String responseName, boolean includeDeleted) {
        String soql = call.argument("queryString").orElse("");
        CompiledQuery query;
        try {
            query = compiler.compile(soql);
        } catch (SoqlException e) {
            throw SoapFault.query(e.faultType(), e.code(), e.getMessage(), e.row(), e.column());
        }
        List<Map<String, @Nullable Object>> rows = query.run(store.rows(query.object(), includeDeleted));
        int batch = batchSize(call);
        String locator = rows.size() > batch ? cursors.open(query.object().name(), rows, batch) : null;
        body.open(responseName);
        result(body, query.object().name(), rows, 0, batch, locator);
        body.close(responseName);
    }

    void queryMore(SoapCall call, SoapXml body) {
        String locator = call.argument("queryLocator").orElse("").trim();
        var resolved = cursors.resolve(locator).orElseThrow(() -> SoapFault.of("InvalidQueryLocatorFault",
                "INVALID_QUERY_LOCATOR", "invalid query locator"));
        QueryCursors.Cursor cursor = resolved.getKey();
        int offset = resolved.getValue();
        int batch = batchSize(call);
        String next = null;
        if (offset + batch < cursor.rows().size()) {
            next = cursor.id() + "-" + (offset + batch);
        } else {
            cursors.release(cursor.id());
        }
        body.open("queryMoreResponse");
        result(body, cursor.object(), cursor.rows(), offset, batch, next);
        body.close("queryMoreResponse");
    }

    private static void result(SoapXml body, String object, List<Map<String, @Nullable Object>> rows, int offset,
                               int batch, @Nullable String locator) {
        body.open("result", "xsi:type=\"QueryResult\"").element("done", locator == null)
                .element("queryLocator", locator);
        int end = Math.min(rows.size(), offset + batch);
        for (Map<String, @Nullable Object> row : rows.subList(offset, end)) {
            SObjectCodec.write(body, "records", object, row);
        }
        body.element("size", rows.size()).close("result");
    }

    private static int batchSize(SoapCall call) {
        String raw = call.headerValue("QueryOptions", "batchSize").orElse("");
        if (raw.isEmpty()) {
            return DEFAULT_BATCH;
        }
        try {
            return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, Integer.parseInt(raw)));
        } catch (NumberFormatException e) {
            throw SoapFault.client("QueryOptions.batchSize is not an int: " + raw);
        }
    }
}
