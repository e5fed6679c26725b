package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.metrics.SyncMetrics;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Around every connection partition (a job's worker step, or one of the service's micro-batches): puts the
 * partition's {@code tenant}, {@code connection} and {@code execution} ids in the logging MDC of its thread (every log
 * line inside carries them; cleared at its end), and at its end records its records, its outcome and its duration
 * through {@link SyncMetrics}. Direction: a step whose name says {@code Inbound} brings CRM records in, every other
 * connection step sends PenguinMails' out.
 */
final class StepMetricsListener implements StepExecutionListener {

    static final String MDC_TENANT = "tenant";
    static final String MDC_CONNECTION = "connection";
    static final String MDC_EXECUTION = "execution";

    private static final Logger log = LoggerFactory.getLogger(StepMetricsListener.class);

    private final SyncMetrics metrics;
    private final ThreadLocal<Long> started = new ThreadLocal<>();

    StepMetricsListener(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeStep(StepExecution step) {
        started.set(System.nanoTime());
        var context = step.getExecutionContext();
        MDC.put(MDC_TENANT, context.getString(ConnectionPartitioner.TENANT_ID, ""));
        MDC.put(MDC_CONNECTION, Long.toString(context.getLong(ConnectionPartitioner.CONNECTION_ID, 0L)));
        MDC.put(MDC_EXECUTION, Long.toString(step.getJobExecutionId()));
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        try {
            Long start = started.get();
            Duration duration = Duration.ofNanos(start == null ? 0 : System.nanoTime() - start);
            var context = step.getExecutionContext();
            var connection = new SyncMetrics.ConnectionTags(context.getString(ConnectionPartitioner.TENANT_ID, ""),
                    context.getString(ConnectionPartitioner.CRM, ""),
                    context.getLong(ConnectionPartitioner.CONNECTION_ID, 0L));
            String stepName = baseName(step.getStepName());
            metrics.records(connection, direction(stepName), step.getWriteCount(), step.getFilterCount(),
                    step.getWriteSkipCount());
            boolean success = step.getStatus() == BatchStatus.COMPLETED && step.getFailureExceptions().isEmpty();
            metrics.partitionEnded(connection, step.getJobExecution().getJobInstance().getJobName(), stepName,
                    success, duration);
            log.debug("{} of connection {} ended {}: {} written, {} skipped, {} failed in {} ms", stepName,
                    connection.connectionId(), step.getStatus(), step.getWriteCount(), step.getFilterCount(),
                    step.getWriteSkipCount(), duration.toMillis());
        } finally {
            started.remove();
            MDC.remove(MDC_TENANT);
            MDC.remove(MDC_CONNECTION);
            MDC.remove(MDC_EXECUTION);
        }
        return null;
    }

    /** A partition's step name without its partition ({@code contactInboundConnectionStep:partition3}). */
    static String baseName(String stepName) {
        int colon = stepName.indexOf(':');
        return colon < 0 ? stepName : stepName.substring(0, colon);
    }

    /** {@code in} for a step bringing CRM records in, else {@code out}. */
    static String direction(String stepName) {
        return stepName.toLowerCase(java.util.Locale.ROOT).contains("inbound") ? "in" : "out";
    }
}
