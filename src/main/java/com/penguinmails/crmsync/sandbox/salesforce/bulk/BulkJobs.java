package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's Bulk API 2.0 jobs (ids {@code 750...}) and the counters behind the Bulk limits in {@code /limits}:
 * internal batches (DailyBulkApiBatches, 15,000) and query jobs (DailyBulkV2QueryJobs, 10,000), since the last reset.
 */
public final class BulkJobs {

    static final long MAX_BATCHES = 15_000;
    static final long MAX_QUERY_JOBS = 10_000;

    private final Map<String, IngestJob> ingest = new ConcurrentHashMap<>();
    private final Map<String, QueryJob> queries = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong queryJobs = new AtomicLong();

    String nextId() {
        return SalesforceIds.build("750", "5g", counter.incrementAndGet());
    }

    void addIngest(IngestJob job) {
        ingest.put(job.id, job);
    }

    Optional<IngestJob> ingest(String id) {
        return Optional.ofNullable(ingest.get(id));
    }

    Collection<IngestJob> ingestJobs() {
        return List.copyOf(ingest.values());
    }

    void removeIngest(String id) {
        ingest.remove(id);
    }

    void addQuery(QueryJob job) {
        queries.put(job.id, job);
        queryJobs.incrementAndGet();
    }

    Optional<QueryJob> query(String id) {
        return Optional.ofNullable(queries.get(id));
    }

    void countBatches(int n) {
        batches.addAndGet(n);
    }

    /** Limit name to {max, remaining}. */
    public Map<String, long[]> limits() {
        Map<String, long[]> limits = new LinkedHashMap<>();
        limits.put("DailyBulkApiBatches", new long[] {MAX_BATCHES, MAX_BATCHES - batches.get()});
        limits.put("DailyBulkV2QueryFileStorageMB", new long[] {976_562, 976_562});
        limits.put("DailyBulkV2QueryJobs", new long[] {MAX_QUERY_JOBS, MAX_QUERY_JOBS - queryJobs.get()});
        return limits;
    }

    public void reset() {
        ingest.clear();
        queries.clear();
        batches.set(0);
        queryJobs.set(0);
    }
}
