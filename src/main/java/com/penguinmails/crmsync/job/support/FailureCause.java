package com.penguinmails.crmsync.job.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a partition failed, as one line an operator can act on: the first exception under Spring's wrappers (Spring
 * Batch's "Unable to process chunk" and the like), with the root cause when it adds something, e.g. "connection 5
 * (hubspot, tenant globex): the CRM rejected its API token; give it a new one with 'connections set-credentials'".
 * Kept in the partition's execution context ({@value #KEY}), so {@code show} names it from any process.
 */
public final class FailureCause {

    /** The partition's execution context key holding the line. */
    public static final String KEY = "failureCause";

    private static final int MAX_LENGTH = 400;

    private FailureCause() {
    }

    /** The line for {@code failure}. */
    public static String of(Throwable failure) {
        Throwable first = failure;
        while (first.getCause() != null && isWrapper(first)) {
            first = first.getCause();
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = describe(first);
        String rootMessage = describe(root);
        if (root != first && !message.contains(rootMessage)) {
            message = message + ": " + rootMessage;
        }
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }

    /** The recorded line of a partition that did not complete, if any. */
    public static @Nullable String recorded(StepExecution partition) {
        if (partition.getStatus() == BatchStatus.COMPLETED
                || !partition.getExecutionContext().containsKey(KEY)) {
            return null;
        }
        return partition.getExecutionContext().getString(KEY);
    }

    /** Records the cause of a partition that has just failed, and saves its execution context. */
    static void record(StepExecution partition, JobRepository repository) {
        if (partition.getStatus().isUnsuccessful() && !partition.getFailureExceptions().isEmpty()) {
            partition.getExecutionContext().putString(KEY, of(partition.getFailureExceptions().get(0)));
            repository.updateExecutionContext(partition);
        }
    }

    private static boolean isWrapper(Throwable t) {
        return t.getClass().getName().startsWith("org.springframework.") || t instanceof ExecutionException
                || t instanceof CompletionException || t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
    }
}
