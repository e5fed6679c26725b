package com.penguinmails.crmsync.mapping;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Transform} returns when it had to change a value to make it fit (cut to a field's length, characters
 * PostgreSQL cannot store removed): the value to use and why it differs, never quoting the value. The chain passes
 * the plain value on and keeps the notes; {@link FieldMapper} turns them into warnings of the field.
 */
public record Cleaned(@Nullable Object value, List<String> notes) {

    public Cleaned {
        notes = List.copyOf(notes);
    }

    static Cleaned of(@Nullable Object value, String note) {
        return new Cleaned(value, List.of(note));
    }

    /** {@code next} applied to what a transform returned, the notes of both kept. */
    static @Nullable Object then(@Nullable Object result, Transform next) {
        if (!(result instanceof Cleaned cleaned)) {
            return next.apply(result);
        }
        Object after = next.apply(cleaned.value());
        if (!(after instanceof Cleaned more)) {
            return new Cleaned(after, cleaned.notes());
        }
        List<String> notes = new ArrayList<>(cleaned.notes());
        notes.addAll(more.notes());
        return new Cleaned(more.value(), notes);
    }
}
