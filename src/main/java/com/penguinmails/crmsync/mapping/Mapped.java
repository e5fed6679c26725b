package com.penguinmails.crmsync.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Values mapped to the other side (keyed by the target's field names), and the fields that could not be. */
public record Mapped(Map<String, @Nullable Object> values, List<FieldProblem> problems) {

    public Mapped {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
