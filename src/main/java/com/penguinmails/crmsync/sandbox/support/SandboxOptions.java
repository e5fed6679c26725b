package com.penguinmails.crmsync.sandbox.support;

import java.time.Duration;

/**
 * How a sandbox is started ({@code crm-sync sandbox} options, tests, demo, benchmarks).
 *
 * @param port         port to listen on; 0 picks a free one
 * @param seedContacts contacts (and proportionate companies, deals ...) generated at start and on reset
 * @param seed         seeds the generator and the fault draws: same seed, same data
 * @param faults       latency and fault mix
 * @param plan         the vendor plan whose rate limits and daily quota apply
 * @param tokenTtl     lifetime of issued OAuth access tokens
 */
public record SandboxOptions(int port, int seedContacts, long seed, FaultPlan faults, Plan plan, Duration tokenTtl) {

    /** Vendor plan tiers; each sandbox maps them to its vendor's documented limits. */
    public enum Plan { FREE, PRO, ENTERPRISE }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 42, FaultPlan.NONE, Plan.PRO, Duration.ofHours(2));
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, seedContacts, seed, faults, plan, tokenTtl);
    }

    public SandboxOptions withSeedContacts(int contacts) {
        return new SandboxOptions(port, contacts, seed, faults, plan, tokenTtl);
    }

    public SandboxOptions withSeed(long newSeed) {
        return new SandboxOptions(port, seedContacts, newSeed, faults, plan, tokenTtl);
    }

    public SandboxOptions withFaults(FaultPlan newFaults) {
        return new SandboxOptions(port, seedContacts, seed, newFaults, plan, tokenTtl);
    }

    public SandboxOptions withPlan(Plan newPlan) {
        return new SandboxOptions(port, seedContacts, seed, faults, newPlan, tokenTtl);
    }

    public SandboxOptions withTokenTtl(Duration ttl) {
        return new SandboxOptions(port, seedContacts, seed, faults, plan, ttl);
    }
}
