package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.core.ConflictPolicy;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Merges one field whose value may have changed on either side since the last sync, against the hash of the value
 * last synced (the base). One side changed: it wins. Both changed to different values: the field's policy decides,
 * and it is a conflict. Never synced (no base): a missing value takes the other side's; otherwise the policy decides.
 *
 * <p>Echo suppression falls out of the base: what this suite wrote to the CRM is the base, so when the CRM hands it
 * back in its change feed, the CRM side has not changed and nothing is written back (no ping-pong). Each side has a
 * base of its own ({@link FieldBases}) where the CRM holds the value otherwise than PenguinMails (cut, normalised,
 * derived): each side is compared with its own, and when neither changed, both keep what they hold.
 */
final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    public static Resolution resolve(ConflictPolicy policy, @Nullable String baseHash,
                                     @Nullable Object crmValue, @Nullable Instant crmModifiedAt,
                                     @Nullable Object pmValue, @Nullable Instant pmModifiedAt) {
        return resolveEachSide(policy, new FieldBases(baseHash, baseHash), crmValue, crmModifiedAt, pmValue, pmModifiedAt);
    }

    /**
     * As {@link #resolve(ConflictPolicy, String, Object, Instant, Object, Instant)}, each side against its own base.
     * A CRM base {@link FieldBases#PENDING_ECHO pending} an echo takes the CRM's value as unchanged, and so does a
     * field PenguinMails has no base for then.
     */
    public static Resolution resolveEachSide(ConflictPolicy policy, FieldBases bases,
                                             @Nullable Object crmValue, @Nullable Instant crmModifiedAt,
                                             @Nullable Object pmValue, @Nullable Instant pmModifiedAt) {
        String crmHash = ValueHash.of(crmValue);
        String pmHash = ValueHash.of(pmValue);
        if (crmHash.equals(pmHash)) {
            return new Resolution(Resolution.Winner.NONE, pmValue, false);
        }
        if (bases.echoPending()) {
            boolean pmChanged = bases.penguinMails() != null && !pmHash.equals(bases.penguinMails());
            return pmChanged ? new Resolution(Resolution.Winner.PENGUINMAILS, pmValue, false)
                    : new Resolution(Resolution.Winner.NONE, pmValue, false);
        }
        String baseHash = bases.penguinMails();
        String crmBase = bases.crm();
        if (baseHash == null || crmBase == null) {
            if (crmValue == null) {
                return new Resolution(Resolution.Winner.PENGUINMAILS, pmValue, false);
            }
            if (pmValue == null) {
                return new Resolution(Resolution.Winner.CRM, crmValue, false);
            }
            return byPolicy(policy, crmValue, crmModifiedAt, pmValue, pmModifiedAt);
        }
        boolean crmChanged = !crmHash.equals(crmBase);
        boolean pmChanged = !pmHash.equals(baseHash);
        if (!crmChanged && !pmChanged) {
            return new Resolution(Resolution.Winner.NONE, pmValue, false); // each side holds what it held
        }
        if (crmChanged && !pmChanged) {
            return new Resolution(Resolution.Winner.CRM, crmValue, false);
        }
        if (pmChanged && !crmChanged) {
            return new Resolution(Resolution.Winner.PENGUINMAILS, pmValue, false);
        }
        return byPolicy(policy, crmValue, crmModifiedAt, pmValue, pmModifiedAt);
    }

    /** Whether an inbound value is just what this suite last synced (its own write coming back). */
    public static boolean isEcho(@Nullable Object crmValue, @Nullable String baseHash) {
        return Objects.equals(ValueHash.of(crmValue), baseHash);
    }

    private static Resolution byPolicy(ConflictPolicy policy, @Nullable Object crmValue,
                                       @Nullable Instant crmModifiedAt, @Nullable Object pmValue,
                                       @Nullable Instant pmModifiedAt) {
        boolean crmWins = switch (policy) {
            case CRM_WINS -> true;
            case PENGUINMAILS_WINS -> false;
            case NEWEST_WINS -> pmModifiedAt == null || (crmModifiedAt != null && !crmModifiedAt.isBefore(pmModifiedAt));
        };
        return crmWins ? new Resolution(Resolution.Winner.CRM, crmValue, true)
                : new Resolution(Resolution.Winner.PENGUINMAILS, pmValue, true);
    }
}
