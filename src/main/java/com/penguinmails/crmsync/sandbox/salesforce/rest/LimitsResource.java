package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.auth.ApiAllocation;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /services/data/vXX.X/limits}: {@code {"DailyApiRequests": {"Max", "Remaining"}, ...}} with the API
 * allocation and the Bulk API counters the sandbox keeps; the other limits are reported as untouched.
 */
public final class LimitsResource {

    private final ApiAllocation allocation;
    private final Supplier<Map<String, long[]>> bulkLimits;

    /** @param bulkLimits limit name to {max, remaining}, from the Bulk API 2.0 resources */
    public LimitsResource(ApiAllocation allocation, Supplier<Map<String, long[]>> bulkLimits) {
        this.allocation = allocation;
        this.bulkLimits = bulkLimits;
    }

    public SandboxResponse get(SandboxRequest request) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("ConcurrentAsyncGetReportInstances", limit(200, 200));
        limits.put("ConcurrentSyncReportRuns", limit(20, 20));
        limits.put("DailyApiRequests", limit(allocation.limit(), allocation.limit() - allocation.used()));
        limits.put("DailyAsyncApexExecutions", limit(250_000, 250_000));
        bulkLimits.get().forEach((name, values) -> limits.put(name, limit(values[0], values[1])));
        limits.put("DataStorageMB", limit(1024, 1000));
        limits.put("FileStorageMB", limit(20_480, 20_480));
        limits.put("HourlyTimeBasedWorkflow", limit(1000, 1000));
        limits.put("MassEmail", limit(5000, 5000));
        limits.put("SingleEmail", limit(5000, 5000));
        return SandboxResponse.json(200, limits);
    }

    private static Map<String, Long> limit(long max, long remaining) {
        Map<String, Long> value = new LinkedHashMap<>();
        value.put("Max", max);
        value.put("Remaining", Math.max(0, remaining));
        return value;
    }
}
