package com.penguinmails.crmsync.serve.webhook;

import java.util.concurrent.Semaphore;

/**
 * Bounds the webhook deliveries handled at once, so a flood is answered 429 (the CRMs retry) instead of exhausting
 * the database pool.
 */
final class DeliveryGate {

    private final Semaphore permits;
    private final int limit;

    DeliveryGate(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** Lets one more delivery in, when fewer than the limit are being handled; then {@link #leave()} it. */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void leave() {
        permits.release();
    }

    int limit() {
        return limit;
    }
}
