package com.penguinmails.crmsync.sandbox;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every registered CRM sandbox started together (for {@code crm-sync sandbox}, the demo and benchmarks), in the order
 * of their registration ({@link CrmSandboxFactory}): the i-th on the base port + i (Salesforce on the base port,
 * HubSpot on base + 1, Pipedrive on base + 2), or each on a free port when the base is 0.
 */
public final class CrmSandboxes implements AutoCloseable {

    private final List<CrmSandbox> sandboxes;

    private CrmSandboxes(List<CrmSandbox> sandboxes) {
        this.sandboxes = List.copyOf(sandboxes);
    }

    /** The registered sandbox factories, in registration order. */
    public static List<CrmSandboxFactory> factories() {
        return ServiceLoader.load(CrmSandboxFactory.class, CrmSandboxFactory.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** The registered factory of {@code crm}. @throws IllegalArgumentException naming it and the registered ones */
    public static CrmSandboxFactory factory(String crm) {
        List<CrmSandboxFactory> factories = factories();
        return factories.stream().filter(f -> f.crm().equals(crm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox plays CRM '" + crm + "'; there are "
                        + factories.stream().map(CrmSandboxFactory::crm).toList()));
    }

    /** Starts one sandbox of each registered CRM; when one cannot start, those started are stopped again. */
    public static CrmSandboxes start(SandboxOptions options) {
        int base = options.port();
        List<CrmSandbox> started = new ArrayList<>();
        try {
            for (CrmSandboxFactory factory : factories()) {
                started.add(factory.start(options.withPort(base == 0 ? 0 : base + started.size())));
            }
            return new CrmSandboxes(started);
        } catch (RuntimeException e) {
            new CrmSandboxes(started).close();
            throw e;
        }
    }

    /** {@code {"salesforce": {...}, "hubspot": {...}, "pipedrive": {...}}}: URLs and credentials of each sandbox. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        sandboxes.forEach(sandbox -> info.put(sandbox.crm(), sandbox.info()));
        return info;
    }

    /** The sandboxes, in registration order. */
    public List<CrmSandbox> all() {
        return sandboxes;
    }

    /** The sandbox playing {@code crm}. @throws IllegalArgumentException when none does */
    public CrmSandbox sandbox(String crm) {
        return sandboxes.stream().filter(s -> s.crm().equals(crm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox plays CRM '" + crm + "'"));
    }

    /** The one sandbox of that type (a test wanting a vendor's own controls). */
    public <T extends CrmSandbox> T sandbox(Class<T> type) {
        return sandboxes.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " was started"));
    }

    /** Stops every sandbox, the last started first; one that fails to stop does not keep the others running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = sandboxes.size() - 1; i >= 0; i--) {
            try {
                sandboxes.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
