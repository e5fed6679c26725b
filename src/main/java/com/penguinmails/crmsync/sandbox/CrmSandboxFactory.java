package com.penguinmails.crmsync.sandbox;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.function.Function;

/**
 * Starts one CRM's sandbox. Each sandbox package registers a subclass (with a public no-argument constructor) in
 * {@code META-INF/services/com.penguinmails.crmsync.sandbox.CrmSandboxFactory}; the order of that file is the order
 * of {@link CrmSandboxes} (and of their ports).
 */
public abstract class CrmSandboxFactory {

    private final String crm;
    private final Function<SandboxOptions, ? extends CrmSandbox> start;

    /** {@code crm}: the CRM the sandboxes play; {@code start}: starts one with the given options. */
    protected CrmSandboxFactory(String crm, Function<SandboxOptions, ? extends CrmSandbox> start) {
        this.crm = crm;
        this.start = start;
    }

    /** The CRM the sandboxes it starts play (their {@link CrmSandbox#crm()}). */
    public final String crm() {
        return crm;
    }

    /** Starts a sandbox on {@code options.port()} (0: a free port), seeded from the options. */
    public final CrmSandbox start(SandboxOptions options) {
        return start.apply(options);
    }
}
