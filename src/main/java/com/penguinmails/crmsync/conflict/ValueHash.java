package com.penguinmails.crmsync.conflict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The fingerprint of a field's value, as {@code crm_sync.record_links.field_hashes} keeps it: SHA-256 of a normal
 * form (text trimmed, numbers without trailing zeros, null as its own token), so equal values hash equal whichever
 * side wrote them, and no value is stored in clear.
 */
public final class ValueHash {

    private ValueHash() {
    }

    public static String of(@Nullable Object value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(normal(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String normal(@Nullable Object value) {
        if (value == null) {
            return "\u0000null";
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return value.toString().strip();
    }
}
