package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a field map against what the CRM says of its object ({@code describe}): every CRM field exists, fields
 * written outbound can be written, and the kinds of values agree. Each problem names the field and what to do.
 */
public final class FieldMapValidator {

    private static final Set<String> TEXT_TYPES = Set.of("string", "email", "phone", "textarea", "text", "url",
            "picklist", "enumeration", "varchar", "varchar_auto", "id", "reference", "combobox", "address");
    private static final Set<String> NUMBER_TYPES = Set.of("double", "int", "number", "currency", "percent",
            "integer", "monetary", "decimal", "long");
    private static final Set<String> BOOLEAN_TYPES = Set.of("boolean", "bool", "booleancheckbox", "checkbox");

    private FieldMapValidator() {
    }

    public static List<FieldProblem> validate(FieldMap map, ObjectDescription description) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldRule rule : map.rules()) {
            Optional<FieldDescription> field = description.field(rule.crmField());
            if (field.isEmpty()) {
                problems.add(new FieldProblem(rule.crmField(), "does not exist on " + description.crmName()
                        + "; check the API name (custom Salesforce fields end in __c)"));
                continue;
            }
            FieldDescription f = field.get();
            if (rule.direction().outbound() && !f.updateable() && !f.createable()) {
                problems.add(new FieldProblem(rule.crmField(), "is read-only on " + description.crmName()
                        + "; sync it inbound only (direction: in)"));
            }
            String expected = PmField.of(rule.pmField()).map(PmField::kind).orElse("text");
            String type = f.type().toLowerCase(Locale.ROOT);
            boolean compatible = switch (expected) {
                case "number" -> NUMBER_TYPES.contains(type) || TEXT_TYPES.contains(type);
                case "boolean" -> BOOLEAN_TYPES.contains(type) || type.equals("enumeration");
                default -> !BOOLEAN_TYPES.contains(type) || rule.transforms().contains("bool");
            };
            if (!compatible) {
                problems.add(new FieldProblem(rule.crmField(), "is a " + f.type() + " field but "
                        + rule.pmField() + " holds a " + expected + " value"));
            }
        }
        return problems;
    }
}
