package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the default field maps ({@code jobs/mappings/<crm>.yml}: an operator's copy in the working directory wins over
 * the one shipped in the jar). Every mistake is reported with the file, object and field it is in.
 */
public final class FieldMapLoader {

    private FieldMapLoader() {
    }

    /** The default maps of a CRM, per object type. */
    public static Map<ObjectType, FieldMap> defaults(CrmKind crm) {
        String name = "jobs/mappings/" + crm.id() + ".yml";
        Path local = Path.of(name);
        try (InputStream in = Files.isRegularFile(local) ? Files.newInputStream(local)
                : FieldMapLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no field map " + name + " in the working directory or the jar");
            }
            return parse(crm, name, new Yaml().load(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a map document: {@code {objects: {CONTACT: [{crm, pm, direction, policy, transforms}, ...]}}}, and the
     * fields the CRM derives from others, {@code {derived: {CONTACT: {name: [first_name, last_name]}}}}.
     */
    static Map<ObjectType, FieldMap> parse(CrmKind crm, String source, Object document) {
        if (!(document instanceof Map<?, ?> root) || !(root.get("objects") instanceof Map<?, ?> objects)) {
            throw new IllegalArgumentException(source + ": expected a top-level 'objects:' map");
        }
        Map<ObjectType, FieldMap> maps = new LinkedHashMap<>();
        objects.forEach((typeName, rules) -> {
            ObjectType type = objectType(source, typeName);
            if (!(rules instanceof List<?> list)) {
                throw new IllegalArgumentException(source + ": objects." + typeName + " must be a list of fields");
            }
            List<FieldRule> parsed = new ArrayList<>();
            for (Object rule : list) {
                parsed.add(rule(source + ": objects." + typeName, rule));
            }
            maps.put(type, new FieldMap(crm, type, parsed, derived(source, root.get("derived"), typeName)));
        });
        return maps;
    }

    /** One rule from its written form; {@code where} prefixes every error. */
    public static FieldRule rule(String where, Object written) {
        if (!(written instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": each field must be a map with crm and pm");
        }
        String crmField = text(map, "crm", where);
        String pmField = text(map, "pm", where);
        String at = where + "." + crmField;
        if (PmField.of(pmField).isEmpty() && !PmField.isCustom(pmField)) {
            throw new IllegalArgumentException(at + ": unknown PenguinMails field '" + pmField + "'");
        }
        try {
            Object directionText = map.get("direction");
            Object policyText = map.get("policy");
            Direction direction = Direction.parse(directionText == null ? "both" : directionText.toString());
            if (pmField.equals(PmField.FULL_NAME.key()) && direction != Direction.OUT) {
                throw new IllegalArgumentException("full_name is computed from first and last name: direction out "
                        + "only (map first_name and last_name in)");
            }
            ConflictPolicy policy = ConflictPolicy.valueOf((policyText == null ? "NEWEST_WINS" : policyText.toString())
                    .trim().toUpperCase(Locale.ROOT));
            List<?> specs = map.get("transforms") instanceof List<?> l ? l : List.of();
            return new FieldRule(crmField, pmField, direction, policy,
                    specs.stream().map(TransformSpec::describe).toList(),
                    TransformSpec.chain(specs, false), TransformSpec.chain(specs, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> derived(String source, @Nullable Object section, Object typeName) {
        if (section == null) {
            return Map.of();
        }
        Object forType = section instanceof Map<?, ?> byType ? byType.get(typeName) : null;
        if (forType == null && section instanceof Map<?, ?>) {
            return Map.of();
        }
        if (!(forType instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(source + ": derived must map object types to {field: [fields]}");
        }
        Map<String, List<String>> derived = new LinkedHashMap<>();
        fields.forEach((field, computed) -> {
            if (!(computed instanceof List<?> list)) {
                throw new IllegalArgumentException(source + ": derived." + typeName + "." + field
                        + " must be a list of fields");
            }
            derived.put(String.valueOf(field), list.stream().map(String::valueOf).toList());
        });
        return derived;
    }

    private static ObjectType objectType(String source, Object name) {
        try {
            return ObjectType.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": unknown object type '" + name + "'; expected one of "
                    + List.of(ObjectType.values()));
        }
    }

    private static String text(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(where + ": a field lacks '" + key + "'");
        }
        return value.toString().trim();
    }
}
