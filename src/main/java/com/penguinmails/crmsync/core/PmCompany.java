package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PenguinMails company as the sync sees it: its id, name, domain, when it last changed and whether it was deleted in
 * PenguinMails; {@code values} are keyed like field maps ({@code company_name}, {@code company_domain}).
 */
public record PmCompany(long id, @Nullable String name, @Nullable String domain, Instant updatedAt,
                        boolean deleted) {

    public Map<String, @Nullable Object> values() {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        values.put("company_name", name);
        values.put("company_domain", domain);
        return values;
    }
}
