package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One sObject type: name, labels, id key prefix and fields in describe order; field names resolve case-insensitively. */
public final class ObjectDef {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean mergeable;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final Map<String, FieldDef> byLowerName = new LinkedHashMap<>();

    ObjectDef(String name, String label, String labelPlural, String keyPrefix, boolean mergeable,
              Collection<FieldDef> fieldDefs) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.mergeable = mergeable;
        for (FieldDef field : fieldDefs) {
            fields.put(field.name(), field);
            byLowerName.put(field.name().toLowerCase(Locale.ROOT), field);
        }
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String labelPlural() {
        return labelPlural;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public boolean mergeable() {
        return mergeable;
    }

    public Collection<FieldDef> fields() {
        return fields.values();
    }

    /** The field called {@code fieldName}, ignoring case, as Salesforce does. */
    public Optional<FieldDef> field(String fieldName) {
        return Optional.ofNullable(byLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }
}
