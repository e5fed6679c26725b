package com.penguinmails.crmsync.sandbox.support;

import java.time.Duration;

/**
 * What goes wrong, and how slowly things go right: every API request waits {@code latency}, then with probability
 * {@code faultRate} meets one fault drawn by weight: a 5xx, a 429 with Retry-After, a dropped connection, a reply
 * that takes {@code slowDelay} (longer than a client's timeout) before the request is served; or the hard cases of a
 * create: the request is <em>applied</em> and then its answer is lost (the connection drops) or arrives
 * {@code slowDelay} late, after the client gave up. The first four are never applied; the last two always are.
 */
public record FaultPlan(Duration latency, double faultRate, int serverErrorWeight, int rateLimitWeight,
                        int connectionResetWeight, int slowWeight, Duration slowDelay, int appliedThenLostWeight,
                        int appliedThenLateWeight) {

    public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, 0, 1, 1, 1, 0, Duration.ofSeconds(30));

    public FaultPlan {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1, was " + faultRate);
        }
        if (latency.isNegative() || slowDelay.isNegative()) {
            throw new IllegalArgumentException("latency and slow delay cannot be negative");
        }
        if (serverErrorWeight < 0 || rateLimitWeight < 0 || connectionResetWeight < 0 || slowWeight < 0
                || appliedThenLostWeight < 0 || appliedThenLateWeight < 0) {
            throw new IllegalArgumentException("fault weights cannot be negative");
        }
    }

    /** A plan whose faults are never applied (no applied-then-lost or applied-then-late answers). */
    public FaultPlan(Duration latency, double faultRate, int serverErrorWeight, int rateLimitWeight,
                     int connectionResetWeight, int slowWeight, Duration slowDelay) {
        this(latency, faultRate, serverErrorWeight, rateLimitWeight, connectionResetWeight, slowWeight, slowDelay, 0,
                0);
    }

    /** The usual mix: mostly 5xx and 429, some dropped connections, no slow replies. */
    public static FaultPlan of(Duration latency, double faultRate) {
        return new FaultPlan(latency, faultRate, 5, 4, 1, 0, Duration.ofSeconds(30));
    }

    /**
     * The mix of issue 10, in {@code faultRate} = 17 parts: 10 5xx, 5 429s, 1 answer lost after the request was
     * applied and 1 answer {@code lateBy} late after it was applied.
     */
    public static FaultPlan appliedButUnanswered(Duration latency, double faultRate, Duration lateBy) {
        return new FaultPlan(latency, faultRate, 10, 5, 0, 0, lateBy, 1, 1);
    }

    /** Kinds of fault. */
    public enum Fault {
        SERVER_ERROR, RATE_LIMITED, CONNECTION_RESET, SLOW, APPLIED_THEN_LOST, APPLIED_THEN_LATE;

        /** Whether the request is served before the fault strikes its answer. */
        public boolean applied() {
            return this == APPLIED_THEN_LOST || this == APPLIED_THEN_LATE;
        }
    }

    /** The fault for a draw {@code x} in [0, 1), or null when none strikes. */
    public @org.jspecify.annotations.Nullable Fault pick(double chance, double x) {
        if (chance >= faultRate) {
            return null;
        }
        int[] weights = {serverErrorWeight, rateLimitWeight, connectionResetWeight, slowWeight, appliedThenLostWeight,
                appliedThenLateWeight};
        int total = java.util.Arrays.stream(weights).sum();
        if (total == 0) {
            return null;
        }
        double point = x * total;
        for (int i = 0; i < weights.length; i++) {
            if ((point -= weights[i]) < 0) {
                return Fault.values()[i];
            }
        }
        return Fault.APPLIED_THEN_LATE;
    }
}
