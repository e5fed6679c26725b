package com.penguinmails.crmsync.serve.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.serve.outbound.OutboundNotice.Push;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How one replica schedules its pushes: one at a time per connection under its lock, a burst coalesced into one more
 * pass with the smallest event id to reach back to, a held lock or a failure tried again later, a stop that lets the
 * push in flight end its micro-batch.
 */
class OutboundPushesTest {

    private static final OutboundProperties PROPERTIES = new OutboundProperties(true, Duration.ofHours(1), 10, 2,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofSeconds(5));

    /** A push that records its calls and can be held inside its micro-batch. */
    private static final class Recording implements OutboundPushes.Pusher {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch inside = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile BooleanSupplier lastStopping = () -> false;

        @Override
        public String jobName() {
            return "engagement-sync";
        }

        @Override
        public void push(long connectionId, long reachBackTo, BooleanSupplier stopping) throws Exception {
            lastStopping = stopping;
            inside.countDown();
            release.await(5, TimeUnit.SECONDS);
            calls.add(connectionId + "@" + reachBackTo);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("CRM down");
            }
        }
    }

    private final Recording pusher = new Recording();
    private final AtomicBoolean leaseHeldElsewhere = new AtomicBoolean();
    private final AtomicInteger leasesTaken = new AtomicInteger();
    private final OutboundPushes pushes = new OutboundPushes(Map.of(Push.ENGAGEMENT, pusher), (job, id) -> {
        if (leaseHeldElsewhere.get()) {
            return Optional.empty();
        }
        leasesTaken.incrementAndGet();
        return Optional.of(() -> { });
    }, PROPERTIES);

    @AfterEach
    void stop() throws InterruptedException {
        pusher.release.countDown();
        pushes.stop(Duration.ofSeconds(5));
    }

    private void awaitCalls(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pusher.calls.size() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    @Test
    void aBurstWhileAConnectionIsPushedMakesOneMorePassThatReachesBackToTheSmallestEvent() throws Exception {
        // given a push of connection 1 held inside its micro-batch
        pusher.inside = new CountDownLatch(1);
        pusher.release = new CountDownLatch(1);
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 1, 100));
        assertThat(pusher.inside.await(5, TimeUnit.SECONDS)).isTrue();

        // when fifty notifications of it come meanwhile
        for (int i = 0; i < 50; i++) {
            pushes.request(new OutboundNotice(Push.ENGAGEMENT, 1, 150 - i));
        }
        pusher.release.countDown();
        awaitCalls(2);
        Thread.sleep(200);

        // then one more pass, reaching back to the smallest event notified
        assertThat(pusher.calls).containsExactly("1@100", "1@101");
    }

    @Test
    void aConnectionWhoseLockARunHoldsIsTriedAgainUntilItIsFree() throws Exception {
        // given a run holding the connection
        leaseHeldElsewhere.set(true);

        // when
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 2, 7));
        Thread.sleep(300);
        assertThat(pusher.calls).isEmpty();
        leaseHeldElsewhere.set(false);
        awaitCalls(1);
        Thread.sleep(200);

        // then pushed once, still reaching back to the event notified
        assertThat(pusher.calls).containsExactly("2@7");
        assertThat(leasesTaken).hasValue(1);
    }

    @Test
    void aPushThatFailsAsAWholeIsTriedAgainWithItsReachBackKept() throws Exception {
        // given a CRM down for two attempts
        pusher.failuresLeft.set(2);

        // when
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 3, 42));
        awaitCalls(3);
        Thread.sleep(300);

        // then
        assertThat(pusher.calls).containsExactly("3@42", "3@42", "3@42");
    }

    @Test
    void aStopLetsThePushInFlightEndItsMicroBatchAndTakesNoMoreRequests() throws Exception {
        // given a push inside its micro-batch
        pusher.inside = new CountDownLatch(1);
        pusher.release = new CountDownLatch(1);
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 4, 0));
        assertThat(pusher.inside.await(5, TimeUnit.SECONDS)).isTrue();
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 4, 0));

        // when the replica stops while it writes
        Thread stopping = new Thread(() -> {
            try {
                pushes.stop(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        Thread.sleep(100);
        assertThat(pusher.lastStopping.getAsBoolean()).isTrue();
        pusher.release.countDown();
        stopping.join(5000);
        pushes.request(new OutboundNotice(Push.ENGAGEMENT, 5, 0));
        Thread.sleep(100);

        // then the push ended its batch, no further pass ran, and nothing new was taken
        assertThat(stopping.isAlive()).isFalse();
        assertThat(pusher.calls).containsExactly("4@0");
    }
}
