package com.penguinmails.crmsync.sandbox.salesforce.soql;

import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A query bound to an object: the selected fields, the row filter, the sort and the limit. {@link #run} turns record
 * snapshots into result rows (selected fields only, in the order selected).
 */
public record CompiledQuery(ObjectDef object, List<FieldDef> fields, Predicate<Map<String, @Nullable Object>> filter,
                            @Nullable Comparator<Map<String, @Nullable Object>> order, @Nullable Integer limit) {

    public List<Map<String, @Nullable Object>> run(List<Map<String, @Nullable Object>> rows) {
        List<Map<String, @Nullable Object>> matched = new ArrayList<>();
        for (Map<String, @Nullable Object> row : rows) {
            if (filter.test(row)) {
                matched.add(row);
            }
        }
        if (order != null) {
            matched.sort(order);
        }
        int end = limit == null ? matched.size() : Math.min(limit, matched.size());
        List<Map<String, @Nullable Object>> result = new ArrayList<>(end);
        for (Map<String, @Nullable Object> row : matched.subList(0, end)) {
            Map<String, @Nullable Object> projected = new LinkedHashMap<>();
            for (FieldDef field : fields) {
                projected.put(field.name(), row.get(field.name()));
            }
            result.add(projected);
        }
        return result;
    }
}
