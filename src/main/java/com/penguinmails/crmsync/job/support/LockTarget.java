package com.penguinmails.crmsync.job.support;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one run of a job works on exclusively: a CRM connection (the unit of every per-connection partition), or a
 * tenant (lead-score's scoring partitions). Its PostgreSQL advisory lock key is two ints: one per job and kind, and
 * the connection id (exact) or a CRC-32C of the tenant id.
 *
 * @param kind what is locked
 * @param id   the connection id or tenant id
 */
public record LockTarget(Kind kind, String id) {

    /** What a lock covers. */
    public enum Kind { CONNECTION, TENANT }

    public static LockTarget connection(long connectionId) {
        return new LockTarget(Kind.CONNECTION, Long.toString(connectionId));
    }

    public static LockTarget tenant(String tenantId) {
        return new LockTarget(Kind.TENANT, tenantId);
    }

    /** The target of a partition: its connection when it has one, else its tenant; null for neither. */
    public static @Nullable LockTarget of(ExecutionContext partition) {
        if (partition.containsKey(ConnectionPartitioner.CONNECTION_ID)) {
            return connection(partition.getLong(ConnectionPartitioner.CONNECTION_ID));
        }
        if (partition.containsKey(TenantPartitioner.TENANT_ID)) {
            return tenant(partition.getString(TenantPartitioner.TENANT_ID));
        }
        return null;
    }

    /** The first lock key: one per job and kind of target. */
    int classKey(String jobName) {
        return crc("PMCS|" + jobName + "|" + kind);
    }

    /** The second lock key: the connection id, or the tenant id's CRC-32C. */
    int objectKey() {
        return kind == Kind.CONNECTION ? (int) Long.parseLong(id) : crc(id);
    }

    static int crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** As operators read it: {@code connection 3}, {@code tenant acme}. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id;
    }
}
