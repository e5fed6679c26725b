package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of HubSpot's webhook body ({@code eventId, subscriptionId, portalId, appId, occurredAt,
 * subscriptionType, attemptNumber, objectId, changeSource, sourceId} and the fields of its kind), without the
 * attempt number, which each delivery attempt sets.
 */
record WebhookEvent(long eventId, Map<String, Object> fields) {

    WebhookEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The event as one delivery attempt sends it ({@code attemptNumber} counts from 0). */
    Map<String, Object> payload(int attemptNumber) {
        Map<String, Object> payload = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            payload.put(name, value);
            if ("subscriptionType".equals(name)) {
                payload.put("attemptNumber", attemptNumber);
            }
        });
        return payload;
    }
}
