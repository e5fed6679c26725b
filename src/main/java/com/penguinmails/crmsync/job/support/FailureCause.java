package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Why a partition failed, as one line an operator can act on: the first exception under Spring's wrappers (Spring
 * Batch's "Unable to process chunk" and the like), with the root cause when it adds something, and what to do next
 * when the connection cannot be used, e.g. "connection 5 (hubspot, tenant globex): HubSpot contacts search was
 * refused: daily limit reached; its daily API quota is spent: restart the run once the CRM's quota resets, or raise
 * the limit with the CRM". Kept in the partition's execution context ({@value #KEY}), so {@code show} names it from
 * any process.
 */
public final class FailureCause {

    /** The partition's execution context key holding the line. */
    public static final String KEY = "failureCause";
    /** The partition's execution context key holding what kind of failure it was ({@link #kind}). */
    public static final String KIND_KEY = "failureKind";

    private static final int MAX_LENGTH = 400;

    private FailureCause() {
    }

    /** The line for {@code failure}. */
    public static String of(Throwable failure) {
        return of(failure, (LockTarget) null);
    }

    /**
     * The line for the failure of a partition, naming its connection (id, CRM, tenant) or tenant first when the
     * message does not, so every line says what it is about.
     */
    static String of(Throwable failure, ExecutionContext partition) {
        LockTarget target = LockTarget.of(partition);
        String line = of(failure, target);
        if (target == null || line.contains(target + " (") || line.startsWith(target + ":")
                || line.startsWith(target + " ")) {
            return line;
        }
        String name = target.kind() == LockTarget.Kind.CONNECTION && partition.containsKey(ConnectionPartitioner.CRM)
                ? target + " (" + partition.getString(ConnectionPartitioner.CRM) + ", tenant "
                        + partition.getString(ConnectionPartitioner.TENANT_ID, "?") + ")"
                : target.toString();
        return name + ": " + line;
    }

    /**
     * The line for {@code failure} of a partition working on {@code target} (null when none): what failed, then
     * what to do next when the message does not say it already (new credentials for a refused authorisation,
     * waiting for a spent quota, checking a CRM that did not answer).
     */
    public static String of(Throwable failure, @Nullable LockTarget target) {
        Throwable first = failure;
        while (first.getCause() != null && isWrapper(first)) {
            first = first.getCause();
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = describe(first);
        String rootMessage = root.getMessage() == null ? "" : root.getMessage().strip();
        if (root != first && !rootMessage.isEmpty()
                && !message.toLowerCase(Locale.ROOT).contains(rootMessage.toLowerCase(Locale.ROOT))) {
            message = message + ": " + rootMessage;
        }
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        line = line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
        String advice = unavailable(failure) == null ? null : advice(unavailable(failure), target);
        return advice == null || saysWhatToDo(line) ? line : line + "; " + advice;
    }

    /** What to do about a connection that cannot be used, or null when its reason needs no advice. */
    static @Nullable String advice(CrmUnavailableException unavailable, @Nullable LockTarget target) {
        String id = target != null && target.kind() == LockTarget.Kind.CONNECTION ? " " + target.id() : "";
        return switch (unavailable.reason()) {
            case AUTH_REVOKED -> "give the connection new credentials ('connections set-credentials" + id
                    + "' or 'connections reauthorize" + id + "'), then restart the run";
            case QUOTA_EXHAUSTED -> "its daily API quota is spent: restart the run once the CRM's quota resets, "
                    + "or raise the limit with the CRM";
            case CRM_DOWN -> "check the connection's base URL and the CRM's status ('connections test" + id
                    + "'), then restart the run";
        };
    }

    private static boolean saysWhatToDo(String line) {
        return line.contains("'connections ") || line.contains("restart") || line.contains("resumes when");
    }

    private static @Nullable CrmUnavailableException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CrmUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    /**
     * What kind of failure, for scripts: {@code auth_revoked}, {@code quota_exhausted} or {@code crm_down} (the
     * connection cannot be used), {@code held} (another run works on its connection or tenant), {@code database}
     * (PostgreSQL failed or refused) or {@code error} (anything else; see the line).
     */
    public static String kind(Throwable failure) {
        CrmUnavailableException unavailable = unavailable(failure);
        if (unavailable != null) {
            return unavailable.reason().name().toLowerCase(Locale.ROOT);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClaimingPartitionHandler.TargetBusyException) {
                return "held";
            }
            if (t instanceof java.sql.SQLException || t instanceof org.springframework.dao.DataAccessException) {
                return "database";
            }
        }
        return "error";
    }

    /** The recorded kind of a partition that did not complete, if any. */
    public static @Nullable String recordedKind(StepExecution partition) {
        if (partition.getStatus() == BatchStatus.COMPLETED
                || !partition.getExecutionContext().containsKey(KIND_KEY)) {
            return null;
        }
        return partition.getExecutionContext().getString(KIND_KEY);
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
            Throwable failure = partition.getFailureExceptions().get(0);
            partition.getExecutionContext().putString(KEY, of(failure, partition.getExecutionContext()));
            partition.getExecutionContext().putString(KIND_KEY, kind(failure));
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
