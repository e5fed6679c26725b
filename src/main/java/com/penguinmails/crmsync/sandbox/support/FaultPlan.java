package com.penguinmails.crmsync.sandbox.support;

import java.time.Duration;

/**
 * What goes wrong, and how slowly things go right: every API request waits {@code latency}, then with probability
 * {@code faultRate} meets one fault drawn by weight: a 5xx, a 429 with Retry-After, a dropped connection, or a reply
 * that takes {@code slowDelay} (longer than a client's timeout).
 */
public record FaultPlan(Duration latency, double faultRate, int serverErrorWeight, int rateLimitWeight,
                        int connectionResetWeight, int slowWeight, Duration slowDelay) {

    public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, 0, 1, 1, 1, 0, Duration.ofSeconds(30));

    public FaultPlan {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1, was " + faultRate);
        }
        if (latency.isNegative() || slowDelay.isNegative()) {
            throw new IllegalArgumentException("latency and slow delay cannot be negative");
        }
        if (serverErrorWeight < 0 || rateLimitWeight < 0 || connectionResetWeight < 0 || slowWeight < 0) {
            throw new IllegalArgumentException("fault weights cannot be negative");
        }
    }

    /** The usual mix: mostly 5xx and 429, some dropped connections, no slow replies. */
    public static FaultPlan of(Duration latency, double faultRate) {
        return new FaultPlan(latency, faultRate, 5, 4, 1, 0, Duration.ofSeconds(30));
    }

    /** Kinds of fault. */
    public enum Fault { SERVER_ERROR, RATE_LIMITED, CONNECTION_RESET, SLOW }

    /** The fault for a draw {@code x} in [0, 1), or null when none strikes. */
    Fault pick(double chance, double x) {
        if (chance >= faultRate) {
            return null;
        }
        int total = serverErrorWeight + rateLimitWeight + connectionResetWeight + slowWeight;
        if (total == 0) {
            return null;
        }
        double point = x * total;
        if ((point -= serverErrorWeight) < 0) {
            return Fault.SERVER_ERROR;
        }
        if ((point -= rateLimitWeight) < 0) {
            return Fault.RATE_LIMITED;
        }
        if ((point -= connectionResetWeight) < 0) {
            return Fault.CONNECTION_RESET;
        }
        return Fault.SLOW;
    }
}
