package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.connector.support.AllocationReachedException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When a connection's partition failed because the connection reached its API allocation (its share of the CRM's
 * daily quota, {@link AllocationReachedException}; a quota the CRM reports spent still fails the partition), pauses the connection until the quota resets ({@link QuotaPauses}) and does not fail the run for it:
 * the partition ends {@code COMPLETED} with exit code {@value #EXIT_CODE} ("paused until X: API allocation reached").
 * Registered before the step's other listeners, it runs after them, so the watermark listeners still see a failed
 * partition and keep their watermarks (the next run resumes from them; its writes are idempotent).
 */
public class QuotaPauseListener implements StepExecutionListener {

    /** The exit code of a partition paused for its API allocation. */
    public static final String EXIT_CODE = "QUOTA_PAUSED";
    /** The partition context's note for the run summary: "connection N paused until X: API allocation reached". */
    public static final String NOTE = "quotaPaused";

    private final QuotaPauses pauses;

    QuotaPauseListener(QuotaPauses pauses) {
        this.pauses = pauses;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        if (step.getStatus() != BatchStatus.FAILED || step.getFailureExceptions().isEmpty()
                || !step.getFailureExceptions().stream().allMatch(f -> allocationReached(f).isPresent())) {
            return null;
        }
        long connectionId = step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
        var until = pauses.pause(connectionId, allocationReached(step.getFailureExceptions().get(0)).orElseThrow()
                .resetsAt());
        String note = "connection " + connectionId + " paused until " + until + ": API allocation reached";
        step.getExecutionContext().putString(NOTE, note);
        step.setStatus(BatchStatus.COMPLETED);
        return new ExitStatus(EXIT_CODE, note);
    }

    private static Optional<AllocationReachedException> allocationReached(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AllocationReachedException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
