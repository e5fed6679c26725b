package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changed-field bitmaps read back the way Salesforce tells subscribers to read them. */
class FieldBitmapTest {

    @Test
    void bitIOfTheBitmapIsTheIthField() {
        assertThat(FieldBitmap.encode(List.of(2, 5))).isEqualTo("0x24");
        assertThat(read(FieldBitmap.encode(List.of(1, 9, 30)))).isEqualTo(bits(1, 9, 30));
    }

    @Test
    void theMostSignificantByteComesFirst() {
        assertThat(FieldBitmap.encode(List.of(0, 8))).isEqualTo("0x0101");
        assertThat(FieldBitmap.encode(List.of(9))).isEqualTo("0x0200");
    }

    @Test
    void noFieldsIsAZeroByte() {
        assertThat(FieldBitmap.encode(List.of())).isEqualTo("0x00");
    }

    /** Strip 0x, hex to bytes, reverse the bytes, read as a little-endian bit set (Salesforce's recipe). */
    private static BitSet read(String bitmap) {
        byte[] bytes = HexFormat.of().parseHex(bitmap.substring(2));
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return BitSet.valueOf(reversed);
    }

    private static BitSet bits(int... positions) {
        BitSet bits = new BitSet();
        for (int position : positions) {
            bits.set(position);
        }
        return bits;
    }
}
