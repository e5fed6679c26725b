package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads HubSpot's refusal of a whole batch ({@code 400 VALIDATION_ERROR "Property values were not valid: [...]"}):
 * which inputs it is about, and the per-record failure to report. A property that does not exist or is read-only
 * condemns every input that sets it ({@link Blame#culprits}); a bad value is traced to the inputs holding that value
 * ({@link Blame#suspects}, sent again on their own since a value can be quoted by more than one input). Failure
 * messages name HubSpot's code and the property, never the value (it may be an e-mail address or a name).
 */
final class ValidationRefusal {

    private static final String PREFIX = "Property values were not valid: ";
    private static final Set<String> PROPERTY_LEVEL = Set.of("PROPERTY_DOESNT_EXIST", "READ_ONLY_VALUE");

    /** What a refusal says about the inputs of the batch. */
    record Blame(boolean identified, List<WriteInput> culprits, List<WriteInput> suspects) {
        static final Blame UNKNOWN = new Blame(false, List.of(), List.of());
    }

    /** One property failure of HubSpot's list. */
    private record Failure(String property, String code, String message) {
    }

    private ValidationRefusal() {
    }

    static Blame blame(BatchReply.BatchError error, List<WriteInput> inputs) {
        List<Failure> failures = failures(error);
        if (failures.isEmpty()) {
            return Blame.UNKNOWN;
        }
        Set<WriteInput> culprits = new LinkedHashSet<>();
        Set<WriteInput> suspects = new LinkedHashSet<>();
        for (Failure failure : failures) {
            List<WriteInput> holders = inputs.stream().filter(i -> i.properties().containsKey(failure.property()))
                    .toList();
            if (PROPERTY_LEVEL.contains(failure.code())) {
                culprits.addAll(holders);
                continue;
            }
            List<WriteInput> quoted = holders.stream()
                    .filter(i -> quotes(failure.message(), i.properties().get(failure.property()))).toList();
            if (quoted.isEmpty()) {
                return Blame.UNKNOWN;
            }
            suspects.addAll(quoted);
        }
        suspects.removeAll(culprits);
        return new Blame(true, List.copyOf(culprits), List.copyOf(suspects));
    }

    /** The properties a refusal condemns as such (they do not exist or are read-only), whoever sets them. */
    static List<String> refusedProperties(BatchReply.BatchError error) {
        return failures(error).stream().filter(f -> PROPERTY_LEVEL.contains(f.code())).map(Failure::property)
                .distinct().toList();
    }

    /** The result of an input HubSpot refused, alone or with the batch. */
    static WriteResult failure(WriteInput input, BatchReply.BatchError error) {
        List<Failure> failures = failures(error);
        if (failures.isEmpty()) {
            return WriteResult.failed(input.index(), error.category(), "HubSpot refused the record ("
                    + error.category() + ")", List.of());
        }
        List<Failure> own = failures.stream().filter(f -> input.properties().containsKey(f.property())).toList();
        List<Failure> reported = own.isEmpty() ? failures : own;
        List<String> fields = reported.stream().map(Failure::property).distinct().toList();
        StringBuilder message = new StringBuilder("HubSpot refused the record:");
        reported.forEach(f -> message.append(' ').append(f.code()).append(" on ").append(f.property()).append(';'));
        message.setLength(message.length() - 1);
        return WriteResult.failed(input.index(), reported.get(0).code(), message.toString(), fields);
    }

    private static List<Failure> failures(BatchReply.BatchError error) {
        List<Failure> failures = new ArrayList<>();
        int start = error.message().indexOf(PREFIX);
        if (start >= 0) {
            try {
                JsonNode list = HubSpotHttp.JSON.readTree(error.message().substring(start + PREFIX.length()));
                list.values().forEach(f -> failures.add(new Failure(f.path("name").asString(""),
                        f.path("error").asString("INVALID_VALUE"), f.path("message").asString(""))));
            } catch (JacksonException e) {
                return List.of();
            }
        }
        for (JsonNode detail : error.json().path("errors").values()) {
            String property = detail.path("context").path("propertyName").path(0).asString("");
            if (!property.isEmpty()) {
                failures.add(new Failure(property, detail.path("code").asString(error.category()),
                        detail.path("message").asString("")));
            }
        }
        return failures;
    }

    /** Whether a HubSpot message quotes {@code value} as a whole word ("Email address x@y is invalid"). */
    private static boolean quotes(String message, String value) {
        if (value.isBlank()) {
            return false;
        }
        return Pattern.compile("(^|[\\s\"'(\\[])" + Pattern.quote(value) + "($|[\\s\"'.,;:)\\]])")
                .matcher(message).find();
    }
}
