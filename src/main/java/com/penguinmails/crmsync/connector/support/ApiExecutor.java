package com.penguinmails.crmsync.connector.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Runs one CRM API call for a connection the way every connector must: through the governor (rate, pauses, quota),
 * with a valid access token, refreshing it once when the CRM rejects it, and retrying transient failures (5xx,
 * timeouts, dropped connections) with exponential backoff and jitter, a bounded number of times (Spring's
 * {@link RetryTemplate}). A 429 is no failure of the call: it is made again as soon as the wait the CRM asked for is
 * over ({@link ApiGovernor#rateLimited}), without backoff, up to {@value #MAX_RATE_LIMITED} times. When retries run
 * out, the connection is reported unavailable.
 *
 * <p>A call that creates something ({@link #create}) is not retried blindly: a timeout, a dropped connection or a 5xx
 * may come after the CRM applied it, so before sending it again the executor asks the connector's look-up (by
 * external id, unique property or marker) whether the first attempt landed, and returns what it finds instead.
 */
public final class ApiExecutor {

    /** One API call made with an access token; throws {@link CrmApiException}s for failures of the whole call. */
    @FunctionalInterface
    public interface Call<T> {
        T execute(String accessToken) throws Exception;
    }

    /** What a create's look-up answers: what the earlier attempt made, if it landed. */
    @FunctionalInterface
    public interface Landed<T> {
        Optional<T> find();
    }

    /** Retries of a transient failure before the CRM counts as down. */
    public static final int DEFAULT_MAX_RETRIES = 8;

    /** 429s one call may meet in a row before it counts as a failed attempt. */
    static final int MAX_RATE_LIMITED = 20;

    private final String connectionName;
    private final ApiGovernor governor;
    private final AccessTokens tokens;
    private final RetryTemplate retry;

    public ApiExecutor(String connectionName, ApiGovernor governor, AccessTokens tokens, RetryPolicy retryPolicy) {
        this.connectionName = connectionName;
        this.governor = governor;
        this.tokens = tokens;
        this.retry = new RetryTemplate(retryPolicy);
    }

    /**
     * The default: 8 retries, 200 ms doubling up to 30 s (about 50 s in all before the CRM counts as down), with
     * 100 ms jitter; only transient failures. A short first wait keeps a stray 5xx from holding a whole chunk back.
     */
    public static RetryPolicy defaultRetryPolicy() {
        return retryPolicy(DEFAULT_MAX_RETRIES);
    }

    /** As {@link #defaultRetryPolicy()}, with {@code maxRetries} retries (0: a transient failure is final). */
    public static RetryPolicy retryPolicy(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("crmsync.crm.max-retries cannot be negative, was " + maxRetries);
        }
        return RetryPolicy.builder()
                .maxRetries(maxRetries)
                .delay(Duration.ofMillis(200))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(30))
                .jitter(Duration.ofMillis(100))
                .includes(CrmApiException.Transient.class)
                .build();
    }

    public ApiGovernor governor() {
        return governor;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    /**
     * Executes {@code call} costing {@code cost} units of the connection's quota.
     *
     * @param operation what the call does, for messages (e.g. {@code "contacts batch upsert"})
     */
    public <T> T execute(String operation, int cost, Call<T> call) {
        return withRetries(operation, () -> once(operation, cost, call));
    }

    /**
     * Executes {@code call}, which creates something that cannot be upserted, so that it lands once: after an
     * attempt that may have been applied although its answer never came (timeout, dropped connection, 5xx), the next
     * attempt first asks {@code landed} and returns what it finds; only when it finds nothing is the call sent again.
     * A 429 was not applied: it is sent again without a look-up.
     *
     * @param landed looks the created thing up (its own calls go through this executor, with ordinary retries)
     */
    public <T> T create(String operation, int cost, Call<T> call, Landed<T> landed) {
        AtomicBoolean uncertain = new AtomicBoolean();
        return withRetries(operation, () -> {
            if (uncertain.get()) {
                Optional<T> found = landed.find();
                if (found.isPresent()) {
                    return found.get();
                }
                uncertain.set(false);
            }
            try {
                return once(operation, cost, call);
            } catch (CrmApiException.Transient maybeApplied) {
                uncertain.set(true);
                throw maybeApplied;
            }
        });
    }

    private <T> T withRetries(String operation, Retryable<T> attempt) {
        try {
            return retry.execute(attempt);
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof CrmUnavailableException unavailable) {
                throw unavailable;
            }
            if (last instanceof CrmApiException.Transient) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, connectionName + ": "
                        + operation + " failed " + (e.getRetryCount() + 1) + " times, last: "
                        + withoutPrefix(String.valueOf(last.getMessage())), last);
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CrmApiException(connectionName + ": " + operation + " failed: " + last.getMessage(), last);
        }
    }

    /** A failure's message without the connection's name and the operation, which the caller's message gives. */
    private String withoutPrefix(String message) {
        String text = message.startsWith(connectionName + ": ") ? message.substring(connectionName.length() + 2)
                : message;
        int failed = text.indexOf(" failed: ");
        return failed > 0 && failed < 80 ? text.substring(failed + " failed: ".length()) : text;
    }

    /** One attempt: made again at once after each 429, once its wait is over; other failures are thrown. */
    private <T> T once(String operation, int cost, Call<T> call) throws Exception {
        for (int limited = 1; ; limited++) {
            try {
                return authorized(operation, cost, call);
            } catch (CrmApiException.RateLimited rateLimited) {
                governor.rateLimited(rateLimited);
                if (limited >= MAX_RATE_LIMITED) {
                    throw rateLimited;
                }
            }
        }
    }

    private <T> T authorized(String operation, int cost, Call<T> call) throws Exception {
        governor.acquire(cost);
        String token = tokens.current();
        try {
            return call.execute(token);
        } catch (CrmApiException.Unauthorized rejected) {
            String fresh = tokens.refreshAfterRejection(token);
            governor.acquire(cost);
            try {
                return call.execute(fresh);
            } catch (CrmApiException.Unauthorized again) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, connectionName
                        + ": " + operation + " was refused even with a fresh token: " + again.getMessage());
            }
        }
    }
}
