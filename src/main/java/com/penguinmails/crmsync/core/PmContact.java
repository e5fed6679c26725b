package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PenguinMails contact as the sync sees it: its id, e-mail, when it last changed, and its synced values keyed the
 * way field maps name them ({@code first_name}, {@code unsubscribed}, {@code lead_score}, {@code custom.<key>} ...).
 */
public record PmContact(long id, String tenantId, String email, Instant updatedAt, Map<String, @Nullable Object> values) {

    public PmContact {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean unsubscribed() {
        return Boolean.TRUE.equals(values.get("unsubscribed"));
    }
}
