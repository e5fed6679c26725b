package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Subscription types (one seeded: "Marketing Information") and each email address's status per type, with the
 * legal basis recorded. Guarded by {@link Portal}'s lock.
 */
final class SubscriptionStore {

    static final List<String> LEGAL_BASES = List.of("LEGITIMATE_INTEREST_PQL", "LEGITIMATE_INTEREST_CLIENT",
            "PERFORMANCE_OF_CONTRACT", "CONSENT_WITH_NOTICE", "NON_GDPR", "PROCESS_AND_STORE",
            "LEGITIMATE_INTEREST_OTHER");

    /** One subscription type. */
    record Definition(String id, String name, String description, String purpose, Instant createdAt) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("description", description);
            json.put("purpose", purpose);
            json.put("communicationMethod", "Email");
            json.put("isActive", true);
            json.put("isDefault", true);
            json.put("isInternal", false);
            json.put("createdAt", Instants.format(createdAt));
            json.put("updatedAt", Instants.format(createdAt));
            return json;
        }
    }

    /** An address's status for one subscription type. */
    record Status(boolean subscribed, String legalBasis, String legalBasisExplanation) {
    }

    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, Map<String, Status>> statuses = new HashMap<>();

    void reset(String marketingId, Instant now) {
        definitions.clear();
        statuses.clear();
        definitions.put(marketingId, new Definition(marketingId, "Marketing Information",
                "Marketing offers and updates.", "Marketing", now));
    }

    List<Definition> definitions() {
        return List.copyOf(definitions.values());
    }

    Optional<Definition> definition(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    Optional<Status> status(String email, String subscriptionId) {
        return Optional.ofNullable(statuses.getOrDefault(key(email), Map.of()).get(subscriptionId));
    }

    void set(String email, String subscriptionId, Status status) {
        statuses.computeIfAbsent(key(email), k -> new HashMap<>()).put(subscriptionId, status);
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
