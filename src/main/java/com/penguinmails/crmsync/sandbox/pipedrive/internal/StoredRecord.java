package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a record: its standard fields (API names, JSON-ready values, {@code id} and times
 * excluded), custom field values by hash key, times from the sandbox clock, and the soft-delete and merge markers.
 * Writers replace versions; readers never see a half-applied change.
 */
public record StoredRecord(long id, Map<String, @Nullable Object> fields, Map<String, @Nullable Object> customFields,
                           Instant addTime, Instant updateTime, @Nullable Instant deletedAt,
                           @Nullable Long mergedInto) {

    public StoredRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public @Nullable Object field(String name) {
        return fields.get(name);
    }

    /** This record with {@code changes} applied (a null value clears the field) and a new update time. */
    public StoredRecord updated(Map<String, @Nullable Object> changes, Map<String, @Nullable Object> customChanges,
                                Instant now) {
        Map<String, @Nullable Object> nextFields = new LinkedHashMap<>(fields);
        nextFields.putAll(changes);
        Map<String, @Nullable Object> nextCustom = new LinkedHashMap<>(customFields);
        nextCustom.putAll(customChanges);
        return new StoredRecord(id, nextFields, nextCustom, addTime, later(now), deletedAt, mergedInto);
    }

    /** This record marked deleted at {@code now}, merged into {@code survivor} when not null. */
    public StoredRecord deletedAt(Instant now, @Nullable Long survivor) {
        return new StoredRecord(id, fields, customFields, addTime, later(now), now, survivor);
    }

    private Instant later(Instant now) {
        return now.isAfter(updateTime) ? now : updateTime;
    }
}
