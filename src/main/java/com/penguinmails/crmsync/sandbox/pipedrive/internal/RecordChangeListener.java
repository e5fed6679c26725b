package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import org.jspecify.annotations.Nullable;

/** Hears of each new version of a record as it is stored, under the account's write lock: it must not block. */
@FunctionalInterface
public interface RecordChangeListener {

    /** Hears nothing. */
    RecordChangeListener NONE = (type, before, after) -> { };

    /** {@code before} is null when the record was created. */
    void changed(EntityType type, @Nullable StoredRecord before, StoredRecord after);
}
