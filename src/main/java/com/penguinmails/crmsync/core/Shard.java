package com.penguinmails.crmsync.core;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One slice of the tenants, {@code index} of {@code count}: a tenant belongs to exactly one shard, chosen by a stable
 * hash of its id (CRC-32C), so every pod of an Indexed Job sees the same split whatever the JVM or the order of rows.
 */
public record Shard(int index, int count) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    /** The whole tenant set in one shard. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "shard index must be between 0 and " + (count - 1) + " for " + count + " shards, was " + index);
        }
    }

    /**
     * Parses {@code I/N} (zero-based index, shard count), e.g. {@code 0/4}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Shard parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("shard '" + text + "' is not of the form I/N, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shard '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether the tenant with this id falls in this shard. */
    public boolean contains(String tenantId) {
        return shardOf(tenantId, count) == index;
    }

    /** The shard index of a tenant among {@code count} shards. */
    public static int shardOf(String tenantId, int count) {
        CRC32C crc = new CRC32C();
        crc.update(tenantId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
