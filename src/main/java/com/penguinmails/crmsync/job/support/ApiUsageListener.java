package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import com.penguinmails.crmsync.store.ApiUsageStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * After each connection step, adds the API calls it made to {@code crm_sync.api_usage} (UTC day) with the quota the
 * CRM last reported, so operators see each connection's spend against its quota; the same numbers go to the {@code crmsync.api.*}
 * meters.
 */
public class ApiUsageListener implements StepExecutionListener {

    private final Connectors connectors;
    private final ApiUsageStore usage;
    private final SyncMetrics metrics;
    private final Map<Long, Long> recorded = new ConcurrentHashMap<>();
    private final Map<Long, Long> rateLimitsRecorded = new ConcurrentHashMap<>();

    public ApiUsageListener(Connectors connectors, ApiUsageStore usage, SyncMetrics metrics) {
        this.connectors = connectors;
        this.usage = usage;
        this.metrics = metrics;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        long connectionId = step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
        long total = connectors.callsMade(connectionId);
        long before = recorded.getOrDefault(connectionId, 0L);
        recorded.put(connectionId, total);
        var budget = connectors.budget(connectionId);
        if (total > before || budget.isPresent()) {
            Long limit = budget.map(b -> (Long) b.limit()).orElse(null);
            Long remaining = budget.map(b -> (Long) b.remaining()).orElse(null);
            usage.add(connectionId, LocalDate.now(ZoneOffset.UTC), total - before, limit, remaining);
            var context = step.getExecutionContext();
            long rateLimited = connectors.rateLimitedCalls(connectionId);
            long rateLimitedBefore = Objects.requireNonNullElse(rateLimitsRecorded.put(connectionId, rateLimited), 0L);
            metrics.apiUsage(new SyncMetrics.ConnectionTags(context.getString(ConnectionPartitioner.TENANT_ID, ""),
                    context.getString(ConnectionPartitioner.CRM, ""), connectionId), total - before,
                    rateLimited - rateLimitedBefore, limit, remaining);
        }
        return null;
    }
}
