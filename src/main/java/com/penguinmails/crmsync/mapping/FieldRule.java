package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.ConflictPolicy;
import java.util.List;

/**
 * One line of a field map: CRM field {@code crmField} (its API name) and PenguinMails field {@code pmField} (a
 * {@link PmField} key or {@code custom.<key>}), the direction, who wins a conflict, and the transforms applied
 * inbound and outbound, as written in the map ({@code trim}, {@code e164:US} ...).
 */
public record FieldRule(String crmField, String pmField, Direction direction, ConflictPolicy policy,
                        List<String> transforms, Transform inbound, Transform outbound) {

    public FieldRule {
        transforms = List.copyOf(transforms);
    }
}
