package com.penguinmails.crmsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies a field map to one record's values, in either direction. Only fields present in the input are mapped (a
 * field the CRM did not send is not cleared); a value a transform refuses is reported as a {@link FieldProblem} and
 * left out, so the rest of the record can still sync. Every value is first made storable ({@link StorableText}: no
 * NUL, no broken characters); a value changed to fit, there or by a transform, is kept and reported as
 * {@link Mapped#cleaned()}.
 */
public final class FieldMapper {

    private FieldMapper() {
    }

    /** CRM field values (by API name) to PenguinMails values (by {@link PmField} key or {@code custom.<key>}). */
    public static Mapped inbound(FieldMap map, Map<String, @Nullable Object> crmValues) {
        return apply(map.inbound(), crmValues, true);
    }

    /** PenguinMails values to CRM field values, for the fields that sync outbound. */
    public static Mapped outbound(FieldMap map, Map<String, @Nullable Object> pmValues) {
        return apply(map.outbound(), pmValues, false);
    }

    private static Mapped apply(List<FieldRule> rules, Map<String, @Nullable Object> source, boolean inbound) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        List<FieldProblem> cleaned = new ArrayList<>();
        for (FieldRule rule : rules) {
            String from = inbound ? rule.crmField() : rule.pmField();
            String to = inbound ? rule.pmField() : rule.crmField();
            if (!source.containsKey(from)) {
                continue;
            }
            try {
                Object value = Cleaned.then(StorableText.clean(source.get(from)),
                        inbound ? rule.inbound() : rule.outbound());
                if (value instanceof Cleaned c) {
                    c.notes().forEach(note -> cleaned.add(new FieldProblem(from, note)));
                    value = c.value();
                }
                values.put(to, value);
            } catch (MappingException e) {
                problems.add(new FieldProblem(from, e.getMessage()));
            }
        }
        return new Mapped(values, problems, cleaned);
    }
}
