package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Portal} tells about each change it makes, under its write lock (so a listener must only take note):
 * a record stored in a new state, purged for good, merged into another, or associated with / dissociated from another.
 */
interface PortalChanges {

    /** Listens to nothing. */
    PortalChanges NONE = new PortalChanges() {
    };

    /** {@code current} was stored; {@code previous} is what it replaced (null for a new record). */
    default void saved(@Nullable StoredObject previous, StoredObject current) {
    }

    /** {@code removed} was deleted for good (a GDPR delete). */
    default void purged(StoredObject removed, Instant at) {
    }

    /** {@code mergedId} was merged into {@code primaryId}, which took {@code propertiesMoved} of its values. */
    default void merged(ObjectType type, long primaryId, long mergedId, int propertiesMoved, Instant at) {
    }

    /** An association of {@code type} from {@code fromId} to {@code toId} was made or (when {@code removed}) undone. */
    default void associationChanged(AssociationTypes.Type type, long fromId, long toId, boolean removed, Instant at) {
    }
}
