package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactChangeStore.Horizon;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one connection's outbound partition reads, fixed when the step starts and kept in its execution context (so a
 * restart reads the same): the marks of transactions from {@code fromXid} up to the horizon's limit, and first, when
 * {@code createScan}, every live contact of the tenant the connection's CRM has no record of yet. When the partition
 * completes, the watermark moves to the horizon's settled point only, so a mark whose transaction was still open when
 * the step started is read again by the next run, however late it commits.
 */
public record OutboundRange(long fromXid, Horizon horizon, boolean createScan) {

    static final String FROM_XID = "outbound.fromXid";
    static final String SETTLED_XID = "outbound.settledXid";
    static final String LIMIT_XID = "outbound.limitXid";
    static final String CREATE_SCAN = "outbound.createScan";

    /** Stores the range in a partition's execution context. */
    public void put(ExecutionContext context) {
        context.putLong(FROM_XID, fromXid);
        context.putLong(SETTLED_XID, horizon.settled());
        context.putLong(LIMIT_XID, horizon.limit());
        context.put(CREATE_SCAN, createScan);
    }

    /** The range a partitioner stored. */
    public static OutboundRange of(ExecutionContext context) {
        return new OutboundRange(context.getLong(FROM_XID),
                new Horizon(context.getLong(SETTLED_XID), context.getLong(LIMIT_XID)),
                Boolean.TRUE.equals(context.get(CREATE_SCAN)));
    }

    /** A reader of this range for one tenant's connection. */
    public ContactChangeReader reader(ContactChangeStore changes, String tenantId, long connectionId, int pageSize) {
        return new ContactChangeReader(changes, tenantId, connectionId, createScan, fromXid, horizon.limit(),
                pageSize);
    }
}
