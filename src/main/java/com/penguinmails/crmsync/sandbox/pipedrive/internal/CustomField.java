package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.util.List;

/**
 * A custom field definition of one account: its 40-character hex key, display name, Pipedrive {@code field_type}
 * ({@code double}, {@code int}, {@code varchar}, {@code text}, {@code date}, {@code enum}, {@code set}), the v1
 * numeric id and, for enum and set fields, its options.
 */
public record CustomField(EntityType entity, long id, String key, String name, String type, List<Option> options) {

    /** One option of an enum or set field. */
    public record Option(long id, String label) {
    }

    public boolean hasOptions() {
        return "enum".equals(type) || "set".equals(type);
    }
}
