package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The bitmap form of {@code changedFields}, {@code nulledFields} and {@code diffFields}: bit i set when the i-th
 * top-level field of the event schema is named, written as {@code 0x} and the hex of the bit set's bytes, most
 * significant byte first (a reader strips {@code 0x}, reverses the bytes and reads them as a little-endian bit set).
 */
final class FieldBitmap {

    private FieldBitmap() {
    }

    /** The bitmap of these field positions; {@code 0x00} when none. */
    static String encode(Collection<Integer> positions) {
        BitSet bits = new BitSet();
        positions.forEach(bits::set);
        byte[] littleEndian = bits.toByteArray();
        byte[] bigEndian = new byte[Math.max(1, littleEndian.length)];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[bigEndian.length - 1 - i] = littleEndian[i];
        }
        return "0x" + HexFormat.of().withUpperCase().formatHex(bigEndian);
    }
}
