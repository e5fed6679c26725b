package com.penguinmails.crmsync.connector.hubspot.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One property as HubSpot's Properties API describes it. */
record PropertyInfo(String name, String label, String type, String fieldType, List<String> options,
                    boolean readOnlyValue, boolean hasUniqueValue, boolean calculated) {

    static PropertyInfo from(JsonNode json) {
        List<String> options = new ArrayList<>();
        json.path("options").values().forEach(o -> options.add(o.path("value").asString()));
        return new PropertyInfo(json.path("name").asString(), json.path("label").asString(""),
                json.path("type").asString("string"), json.path("fieldType").asString(""), options,
                json.path("modificationMetadata").path("readOnlyValue").asBoolean(false),
                json.path("hasUniqueValue").asBoolean(false), json.path("calculated").asBoolean(false));
    }
}
