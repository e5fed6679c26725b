package com.penguinmails.crmsync.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Values mapped to the other side (keyed by the target's field names), the fields that could not be (their value is
 * left out), and the fields whose value was changed to fit (cut to the field's length, characters removed). Both
 * are named by the source's field names.
 */
public record Mapped(Map<String, @Nullable Object> values, List<FieldProblem> problems, List<FieldProblem> cleaned) {

    public Mapped {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        problems = List.copyOf(problems);
        cleaned = List.copyOf(cleaned);
    }

    public Mapped(Map<String, @Nullable Object> values, List<FieldProblem> problems) {
        this(values, problems, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Every value dropped, cleaned or cut: what becomes a warning when the record syncs. */
    public List<FieldProblem> warnings() {
        List<FieldProblem> all = new ArrayList<>(problems);
        all.addAll(cleaned);
        return all;
    }
}
