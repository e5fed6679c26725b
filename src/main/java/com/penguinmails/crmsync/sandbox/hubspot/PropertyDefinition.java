package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CRM property as the Properties API describes it: name, label, type ({@code string number date datetime
 * enumeration bool}), field type, group, options, and whether the API may write it or must keep it unique.
 */
record PropertyDefinition(String name, String label, String type, String fieldType, String groupName,
                          List<String> options, boolean readOnly, boolean hasUniqueValue, boolean custom,
                          Instant createdAt) {

    static final List<String> TYPES = List.of("string", "number", "date", "datetime", "enumeration", "bool");

    PropertyDefinition {
        options = List.copyOf(options);
    }

    /** Multiple checkboxes hold several options separated by {@code ;}. */
    boolean multiValued() {
        return "enumeration".equals(type) && "checkbox".equals(fieldType);
    }

    /** The Properties API's JSON for this property. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("updatedAt", createdAt.toString());
        json.put("createdAt", createdAt.toString());
        json.put("name", name);
        json.put("label", label);
        json.put("type", type);
        json.put("fieldType", fieldType);
        json.put("description", "");
        json.put("groupName", groupName);
        List<Map<String, Object>> optionJson = new ArrayList<>();
        if ("bool".equals(type)) {
            optionJson.add(option("Yes", "true", 0));
            optionJson.add(option("No", "false", 1));
        } else {
            for (int i = 0; i < options.size(); i++) {
                optionJson.add(option(options.get(i), options.get(i), i));
            }
        }
        json.put("options", optionJson);
        json.put("displayOrder", -1);
        json.put("calculated", false);
        json.put("externalOptions", false);
        json.put("hasUniqueValue", hasUniqueValue);
        json.put("hidden", false);
        json.put("hubspotDefined", !custom);
        json.put("modificationMetadata", Map.of("archivable", custom, "readOnlyDefinition", !custom,
                "readOnlyValue", readOnly));
        json.put("formField", !readOnly);
        json.put("dataSensitivity", "non_sensitive");
        json.put("archived", false);
        return json;
    }

    private static Map<String, Object> option(String label, String value, int order) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        option.put("displayOrder", order);
        option.put("hidden", false);
        return option;
    }
}
