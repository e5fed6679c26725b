package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;

/**
 * Sends one batch of at most 100 inputs to a HubSpot batch endpoint and returns one {@link WriteResult} per input.
 * Results are matched to inputs by what HubSpot echoes (the record id for updates, the unique property's value for
 * upserts; creates, which echo nothing of their input, by order); a 207's per-input errors by the ids in their
 * {@code context}. HubSpot refuses a whole batch (400, 409) when any one input is invalid: the refusal is traced to
 * its inputs ({@link ValidationRefusal}) and the others are sent again without them, or, when the refusal names no
 * input, the batch is split in halves until the bad inputs stand alone. A property HubSpot does not have or will not
 * write is dropped from the inputs that set it, and a bad value from its input once that stands alone: they are
 * written without it ({@link WriteResult#droppedFields()}). Good records land; bad ones are results.
 */
final class BatchSubmitter {

    private final HubSpotApi api;

    BatchSubmitter(HubSpotApi api) {
        this.api = api;
    }

    /** The results of {@code inputs} keyed by input index. */
    Map<Integer, WriteResult> submit(HubSpotObject type, String action, List<WriteInput> inputs) {
        Map<Integer, WriteResult> results = new LinkedHashMap<>();
        if (inputs.isEmpty()) {
            return results;
        }
        ArrayNode json = HubSpotApi.array();
        inputs.forEach(input -> json.add(input.toJson()));
        BatchReply reply = api.batch(type, action, json, null);
        if (!reply.refused()) {
            results.putAll(matched(type, action, inputs, reply));
            return results;
        }
        BatchReply.BatchError error = reply.errors().isEmpty()
                ? new BatchReply.BatchError("HTTP_" + reply.status(), "", Map.of(), HubSpotApi.object())
                : reply.errors().get(0);
        ValidationRefusal.Blame blame = ValidationRefusal.blame(error, inputs);
        if (blame.identified() && !blame.culprits().isEmpty()) {
            return resentWithoutRefusedProperties(type, action, inputs, blame, error);
        }
        if (inputs.size() == 1) {
            return alone(type, action, inputs.get(0), error);
        }
        List<WriteInput> rest = new ArrayList<>(inputs);
        rest.removeAll(blame.culprits());
        rest.removeAll(blame.suspects());
        if (blame.identified() && rest.size() < inputs.size() && blame.suspects().size() < inputs.size()) {
            blame.culprits().forEach(c -> results.put(c.index(), ValidationRefusal.failure(c, error)));
            results.putAll(submit(type, action, rest));
            results.putAll(submit(type, action, blame.suspects()));
            return results;
        }
        int half = inputs.size() / 2;
        results.putAll(submit(type, action, inputs.subList(0, half)));
        results.putAll(submit(type, action, inputs.subList(half, inputs.size())));
        return results;
    }

    /**
     * An input refused on its own: when HubSpot named properties of it (a value it refuses), it goes again without
     * them and comes back written without them; else (or when they were all it set, or its id) it is refused.
     */
    private Map<Integer, WriteResult> alone(HubSpotObject type, String action, WriteInput input,
                                            BatchReply.BatchError error) {
        WriteResult refusal = ValidationRefusal.failure(input, error);
        List<String> bad = refusal.fields().stream()
                .filter(f -> input.properties().containsKey(f) && !f.equals(input.idProperty())).toList();
        WriteInput without = input.without(bad);
        if (bad.isEmpty() || without.properties().isEmpty()
                || (input.idProperty() != null && without.properties().keySet().equals(Set.of(input.idProperty())))) {
            return Map.of(input.index(), refusal);
        }
        WriteResult again = submit(type, action, List.of(without)).get(input.index());
        return Map.of(input.index(), again == null || !again.success() ? refusal
                : again.without(bad, refusal.message() + " (the rest of the record was written)"));
    }

    /**
     * A property HubSpot does not have, or will not write, condemns only itself: the inputs that set it go again
     * without it (with the rest of the batch) and come back written without it, or refused when it was all they set.
     */
    private Map<Integer, WriteResult> resentWithoutRefusedProperties(HubSpotObject type, String action,
                                                                     List<WriteInput> inputs,
                                                                     ValidationRefusal.Blame blame,
                                                                     BatchReply.BatchError error) {
        Map<Integer, WriteResult> results = new LinkedHashMap<>();
        List<String> refused = ValidationRefusal.refusedProperties(error);
        List<WriteInput> again = new ArrayList<>();
        Map<Integer, List<String>> strippedFrom = new HashMap<>();
        for (WriteInput input : inputs) {
            if (!blame.culprits().contains(input)) {
                again.add(input);
                continue;
            }
            WriteInput without = input.without(refused);
            if (without.properties().isEmpty()) {
                results.put(input.index(), ValidationRefusal.failure(input, error));
            } else {
                again.add(without);
                strippedFrom.put(input.index(), input.properties().keySet().stream().filter(refused::contains)
                        .sorted().toList());
            }
        }
        submit(type, action, again).forEach((index, result) -> {
            List<String> dropped = strippedFrom.get(index);
            results.put(index, dropped == null ? result : result.without(dropped, "HubSpot has no writable property "
                    + String.join(", ", dropped) + " (PROPERTY_DOESNT_EXIST or READ_ONLY_VALUE); the rest of the "
                    + "record was written"));
        });
        return results;
    }

    private static Map<Integer, WriteResult> matched(HubSpotObject type, String action, List<WriteInput> inputs,
                                                     BatchReply reply) {
        Map<Integer, WriteResult> results = new LinkedHashMap<>();
        Map<String, WriteInput> byKey = new HashMap<>();
        inputs.forEach(input -> {
            if (input.key() != null) {
                byKey.put(input.key(), input);
            }
        });
        for (BatchReply.BatchError error : reply.errors()) {
            for (String id : error.ids()) {
                WriteInput input = byKey.get(WriteInput.normalise(id));
                if (input != null) {
                    results.put(input.index(), ValidationRefusal.failure(input, error));
                }
            }
        }
        List<HsObject> unmatched = new ArrayList<>();
        for (HsObject result : reply.results()) {
            WriteInput input = byKey.get(WriteInput.normalise(echoedKey(action, inputs, result)));
            if (input != null && !results.containsKey(input.index())) {
                results.put(input.index(), WriteResult.written(input.index(), result.id(),
                        "create".equals(action) || result.created()));
            } else {
                unmatched.add(result);
            }
        }
        List<WriteInput> waiting = inputs.stream().filter(i -> !results.containsKey(i.index())).toList();
        for (int i = 0; i < waiting.size(); i++) {
            WriteInput input = waiting.get(i);
            if (i < unmatched.size()) {
                // creates echo nothing of their input, and an update of a merged-away id answers with the survivor
                results.put(input.index(), WriteResult.written(input.index(), unmatched.get(i).id(),
                        "create".equals(action) || unmatched.get(i).created()));
            } else if (input.id() != null && "update".equals(action)) {
                results.put(input.index(), WriteResult.written(input.index(), input.id(), false));
            } else {
                results.put(input.index(), WriteResult.failed(input.index(), "NO_RESULT", "HubSpot's " + type.path()
                        + " batch " + action + " reported neither a result nor an error for this record", List.of()));
            }
        }
        return results;
    }

    private static String echoedKey(String action, List<WriteInput> inputs, HsObject result) {
        if ("upsert".equals(action)) {
            String idProperty = inputs.get(0).idProperty();
            String value = idProperty == null ? null : result.property(idProperty);
            return value == null ? result.id() : value;
        }
        return result.id();
    }
}
