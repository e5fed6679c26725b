package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.job.contactsync.RealtimeInbound.Outcome;
import com.penguinmails.crmsync.serve.dispatch.NoticeApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for contact-sync's real-time apply in the service's tests: records every batch applied (which replica,
 * which connection, which notices) in a log replicas may share; can be made to hang (a replica frozen mid-batch).
 */
final class RecordingInbound implements NoticeApplier {

    /** One batch a replica applied. */
    record Applied(String replica, long connectionId, List<CrmChangeNotice> notices) {
    }

    private final String replica;
    private final List<Applied> log;
    private volatile CountDownLatch hang = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long applyMillis;

    RecordingInbound(String replica, List<Applied> log) {
        this.replica = replica;
        this.log = log;
    }

    /** A log for one or more replicas. */
    static List<Applied> newLog() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }

    /** From now on, every apply hangs until {@link #release()}, then fails (its replica is taken as dead). */
    void hang() {
        hang = new CountDownLatch(1);
    }

    /** The next {@code times} applies fail as a whole (the CRM is down), naming a person as a careless CRM would. */
    void failNext(int times) {
        failures.set(times);
    }

    /** Every apply takes this long from now on (a CRM at a distance). */
    void slow(long millis) {
        applyMillis = millis;
    }

    void release() {
        hang.countDown();
    }

    /** Waits until an apply has begun. */
    boolean awaitEntered(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public Outcome apply(long connectionId, List<CrmChangeNotice> notices) {
        entered.countDown();
        CountDownLatch current = hang;
        if (current.getCount() > 0) {
            try {
                current.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("replica " + replica + " was taken as dead");
        }
        if (applyMillis > 0) {
            try {
                Thread.sleep(applyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("CRM unavailable while reading ada@example.com");
        }
        log.add(new Applied(replica, connectionId, List.copyOf(notices)));
        return new Outcome(notices.size(), 0, 0, 0);
    }
}
