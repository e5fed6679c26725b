package com.penguinmails.crmsync.serve.outbound;

import com.penguinmails.crmsync.job.support.RecordFailureReason;
import com.penguinmails.crmsync.serve.outbound.OutboundNotice.Push;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pushes one replica was asked for, on a bounded pool, one at a time per connection and push, each under its
 * job's lock on the connection: a request for a connection being pushed asks for one more pass after it, a moment
 * later (however many requests came: a burst coalesces), keeping the smallest event id to reach back to; a connection whose lock a
 * run or another replica holds is tried again after {@code busyRetry} (the holder may have fixed its range before
 * the change committed); one whose push failed as a whole, after a growing wait up to {@code maxBackoff}. A stop
 * takes no new request, lets each push finish the micro-batch it is writing, and drops the retries due later (the
 * next replica's sweep, or the next run, finds their work).
 */
final class OutboundPushes {

    /** A job's push of one connection, as the service calls it. */
    interface Pusher {

        /** The job whose lock the push takes. */
        String jobName();

        /** Pushes what is pending; throws when the connection fails as a whole. */
        void push(long connectionId, long reachBackTo, BooleanSupplier stopping) throws Exception;
    }

    /** Takes a job's lock on a connection for one push; empty when a run or another replica holds it. */
    interface Leases {
        Optional<AutoCloseable> tryLease(String jobName, long connectionId);
    }

    private static final Logger log = LoggerFactory.getLogger(OutboundPushes.class);
    /**
     * The pause before a connection's next pass: a run starting meanwhile takes the connection's lock (it waits for
     * the service's pushes, see {@code ClaimingPartitionHandler}), and the notifications of the pause join the pass.
     */
    static final Duration PASS_GAP = Duration.ofMillis(250);

    private record Key(Push push, long connectionId) {
    }

    /** A connection's push: whether it is running (or waiting for a retry), and what was asked for meanwhile. */
    private static final class Slot {
        boolean running;
        boolean again;
        long reachBackTo;
        int failures;
    }

    private final Map<Push, Pusher> pushers;
    private final Leases leases;
    private final OutboundProperties properties;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<Key, Slot> slots = new HashMap<>();
    private volatile boolean stopping;

    OutboundPushes(Map<Push, Pusher> pushers, Leases leases, OutboundProperties properties) {
        this.pushers = Map.copyOf(pushers);
        this.leases = leases;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(properties.workers(), task -> {
            Thread thread = new Thread(task, "crm-sync-outbound-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Asks for a push of the connection: now, or once more after the one running. */
    void request(OutboundNotice notice) {
        Key key = new Key(notice.push(), notice.connectionId());
        synchronized (slots) {
            if (stopping) {
                return;
            }
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            slot.reachBackTo = smallest(slot.reachBackTo, notice.reachBackTo());
            if (slot.running) {
                slot.again = true;
                return;
            }
            slot.running = true;
        }
        submit(key, Duration.ZERO);
    }

    private void run(Key key) {
        long reachBackTo;
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (stopping || slot == null) {
                slots.remove(key);
                return;
            }
            slot.again = false;
            reachBackTo = slot.reachBackTo;
            slot.reachBackTo = 0;
        }
        Pusher pusher = pushers.get(key.push());
        Optional<AutoCloseable> lease;
        try {
            lease = leases.tryLease(pusher.jobName(), key.connectionId());
        } catch (RuntimeException e) {
            failed(key, reachBackTo, e);
            return;
        }
        if (lease.isEmpty()) {
            retryLater(key, reachBackTo, properties.busyRetry());
            return;
        }
        try (AutoCloseable held = lease.get()) {
            pusher.push(key.connectionId(), reachBackTo, () -> stopping);
        } catch (Exception e) {
            failed(key, reachBackTo, e);
            return;
        }
        synchronized (slots) {
            Slot slot = slots.get(key);
            slot.failures = 0;
            if (slot.again && !stopping) {
                submit(key, PASS_GAP);
            } else {
                slots.remove(key);
            }
        }
    }

    private void failed(Key key, long reachBackTo, Exception failure) {
        Duration wait;
        synchronized (slots) {
            Slot slot = slots.get(key);
            slot.failures++;
            wait = properties.busyRetry().multipliedBy(1L << Math.min(slot.failures, 16));
            wait = wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
        }
        log.warn("connection {}: the real-time {} push failed ({}); tried again in {} ms", key.connectionId(),
                pushers.get(key.push()).jobName(), RecordFailureReason.of(failure), wait.toMillis());
        log.debug("the push's failure", failure);
        retryLater(key, reachBackTo, wait);
    }

    /** Keeps the slot running (requests meanwhile only ask for the pass) and runs it again after {@code wait}. */
    private void retryLater(Key key, long reachBackTo, Duration wait) {
        synchronized (slots) {
            Slot slot = slots.get(key);
            slot.reachBackTo = smallest(slot.reachBackTo, reachBackTo);
            if (stopping) {
                slots.remove(key);
                return;
            }
        }
        submit(key, wait);
    }

    /** Runs the connection's push after {@code wait}; a stop in between drops it. */
    private void submit(Key key, Duration wait) {
        try {
            executor.schedule(() -> run(key), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            synchronized (slots) {
                slots.remove(key);
            }
        }
    }

    private static long smallest(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Takes no more requests; waits up to {@code timeout} for the pushes in flight to end their micro-batch. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("real-time pushes still running after {}s; they are abandoned (the next push or run reads "
                    + "their range again)", timeout.toSeconds());
            executor.shutdownNow();
        }
    }
}
