package com.penguinmails.crmsync.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;

class ApiExecutorTest {

    private static final RetryPolicy FAST = RetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(1))
            .includes(CrmApiException.Transient.class).build();

    /** Tokens that hand out token-1, token-2 ... on each refresh, and remember what was rejected. */
    static final class CountingTokens implements AccessTokens {
        final List<String> rejected = new ArrayList<>();
        private int generation = 1;

        @Override
        public synchronized String current() {
            return "token-" + generation;
        }

        @Override
        public synchronized String refreshAfterRejection(String token) {
            rejected.add(token);
            generation++;
            return current();
        }

        @Override
        public Optional<String> instanceUrl() {
            return Optional.empty();
        }
    }

    private static ApiGovernor governor(long dailyLimit) {
        return new ApiGovernor("connection 1 (hubspot, tenant acme)",
                new RateLimitSpec(1000, Duration.ofSeconds(1), dailyLimit, 1.0), Clock.systemUTC());
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceeds() {
        // given
        AtomicInteger attempts = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);

        // when
        String result = executor.execute("contacts list", 1, token -> {
            if (attempts.incrementAndGet() < 3) {
                throw new CrmApiException.Transient("HTTP 503");
            }
            return "ok";
        });

        // then
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(executor.governor().callsMade()).isEqualTo(3);
    }

    @Test
    void aRejectedTokenIsRefreshedOnceAndTheCallMadeAgainWithTheNewOne() {
        // given
        CountingTokens tokens = new CountingTokens();
        List<String> used = new ArrayList<>();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), tokens, FAST);

        // when
        String result = executor.execute("contacts list", 1, token -> {
            used.add(token);
            if (token.equals("token-1")) {
                throw new CrmApiException.Unauthorized("INVALID_SESSION_ID");
            }
            return token;
        });

        // then
        assertThat(result).isEqualTo("token-2");
        assertThat(used).containsExactly("token-1", "token-2");
        assertThat(tokens.rejected).containsExactly("token-1");
    }

    @Test
    void aFreshTokenRefusedAgainMeansTheAuthorisationIsGone() {
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);
        assertThatThrownBy(() -> executor.execute("contacts list", 1, token -> {
            throw new CrmApiException.Unauthorized("401");
        })).isInstanceOfSatisfying(CrmUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.AUTH_REVOKED));
    }

    @Test
    void aCrmThatStaysDownMakesTheConnectionUnavailableAfterBoundedRetries() {
        AtomicInteger attempts = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);
        assertThatThrownBy(() -> executor.execute("contacts batch upsert", 1, token -> {
            attempts.incrementAndGet();
            throw new CrmApiException.Transient("HTTP 502");
        })).isInstanceOfSatisfying(CrmUnavailableException.class, e -> {
            assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.CRM_DOWN);
            assertThat(e.getMessage()).contains("contacts batch upsert").contains("4 times");
        });
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheCrmAskedFor() {
        AtomicInteger attempts = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);
        String result = executor.execute("search", 1, token -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CrmApiException.RateLimited("429 TEN_SECONDLY_ROLLING", Duration.ofMillis(50));
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void rateLimitsAreWaitedOutWithoutUsingUpTheRetriesForFailures() {
        // given: more 429s in a row than the policy retries failures (3)
        AtomicInteger attempts = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);

        // when
        String result = executor.execute("persons add", 1, token -> {
            if (attempts.incrementAndGet() <= 6) {
                throw new CrmApiException.RateLimited("429", Duration.ofMillis(1));
            }
            return "ok";
        });

        // then
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(7);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsLookedUpAndNotSentAgain() {
        // given: the first create is applied, then its answer is lost
        List<String> created = new ArrayList<>();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);

        // when
        String id = executor.create("persons add", 1, token -> {
            created.add("person-" + (created.size() + 1));
            throw new CrmApiException.Transient("HttpTimeoutException");
        }, () -> created.isEmpty() ? Optional.empty() : Optional.of(created.get(0)));

        // then: the look-up found it; nothing was created twice
        assertThat(id).isEqualTo("person-1");
        assertThat(created).containsExactly("person-1");
    }

    @Test
    void aCreateThatDidNotLandIsSentAgainOnceTheLookUpFindsNothing() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger lookUps = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);

        String id = executor.create("activities add", 1, token -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CrmApiException.Transient("HTTP 503");
            }
            return "activity-1";
        }, () -> {
            lookUps.incrementAndGet();
            return Optional.empty();
        });

        assertThat(id).isEqualTo("activity-1");
        assertThat(attempts).hasValue(2);
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void aRateLimitedCreateWasNotAppliedAndIsSentAgainWithoutALookUp() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger lookUps = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);

        String id = executor.create("activities add", 1, token -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CrmApiException.RateLimited("429", Duration.ofMillis(1));
            }
            return "activity-1";
        }, () -> {
            lookUps.incrementAndGet();
            return Optional.of("never");
        });

        assertThat(id).isEqualTo("activity-1");
        assertThat(lookUps).hasValue(0);
    }

    @Test
    void failuresThatRetryingCannotFixAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        ApiExecutor executor = new ApiExecutor("c1", governor(1000), new CountingTokens(), FAST);
        assertThatThrownBy(() -> executor.execute("describe", 1, token -> {
            attempts.incrementAndGet();
            throw new CrmApiException("400 unknown object type");
        })).isInstanceOf(CrmApiException.class).hasMessageContaining("unknown object type");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theConnectionsShareOfTheDailyQuotaIsNeverExceeded() {
        // given: 10 units a day, half of them ours
        ApiGovernor governor = new ApiGovernor("c1", new RateLimitSpec(1000, Duration.ofSeconds(1), 10, 0.5),
                Clock.systemUTC());
        ApiExecutor executor = new ApiExecutor("c1", governor, new CountingTokens(), FAST);
        AtomicInteger calls = new AtomicInteger();

        // when / then
        for (int i = 0; i < 5; i++) {
            executor.execute("get", 1, token -> calls.incrementAndGet());
        }
        assertThatThrownBy(() -> executor.execute("get", 1, token -> calls.incrementAndGet()))
                .isInstanceOfSatisfying(CrmUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.QUOTA_EXHAUSTED));
        assertThat(calls).hasValue(5);
        assertThat(governor.budget().used()).isEqualTo(5);
    }

    @Test
    void theGovernorPacesAtTheConfiguredRateNotARoundedOne() {
        for (var spec : java.util.List.of(new RateLimitSpec(18, Duration.ofSeconds(1), 1, 1),
                new RateLimitSpec(25, Duration.ofSeconds(1), 1, 1), new RateLimitSpec(190, Duration.ofSeconds(10), 1, 1),
                new RateLimitSpec(5, Duration.ofSeconds(1), 1, 1))) {
            double expected = spec.requestsPerWindow() / (spec.window().toMillis() / 1000.0);
            assertThat(new ApiGovernor("c1", spec, Clock.systemUTC()).requestsPerSecond())
                    .as("%s", spec).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 0.01));
        }
    }

    @Test
    void theQuotaTheCrmReportsReplacesTheAssumedOne() {
        ApiGovernor governor = governor(100);
        governor.observeDailyQuota(99, 100, null);
        governor.acquire(1);
        assertThatThrownBy(() -> governor.acquire(1)).isInstanceOf(CrmUnavailableException.class);
        governor.observeDailyQuota(10, 100_000, null);
        governor.acquire(1);
        assertThat(governor.budget().remaining()).isEqualTo(100_000 - 11);
    }
}
