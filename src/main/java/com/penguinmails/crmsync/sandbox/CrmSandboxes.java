package com.penguinmails.crmsync.sandbox;

import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three CRM sandboxes started together (for {@code crm-sync sandbox}, the demo and benchmarks): Salesforce on the
 * base port, HubSpot on base + 1, Pipedrive on base + 2 (or three free ports when the base is 0).
 */
public final class CrmSandboxes implements AutoCloseable {

    private final SalesforceSandbox salesforce;
    private final HubSpotSandbox hubspot;
    private final PipedriveSandbox pipedrive;

    private CrmSandboxes(SalesforceSandbox salesforce, HubSpotSandbox hubspot, PipedriveSandbox pipedrive) {
        this.salesforce = salesforce;
        this.hubspot = hubspot;
        this.pipedrive = pipedrive;
    }

    public static CrmSandboxes start(SandboxOptions options) {
        int base = options.port();
        SalesforceSandbox salesforce = SalesforceSandbox.start(options.withPort(base));
        try {
            HubSpotSandbox hubspot = HubSpotSandbox.start(options.withPort(base == 0 ? 0 : base + 1));
            try {
                return new CrmSandboxes(salesforce, hubspot,
                        PipedriveSandbox.start(options.withPort(base == 0 ? 0 : base + 2)));
            } catch (RuntimeException e) {
                hubspot.close();
                throw e;
            }
        } catch (RuntimeException e) {
            salesforce.close();
            throw e;
        }
    }

    /** {@code {"salesforce": {...}, "hubspot": {...}, "pipedrive": {...}}}: URLs and credentials of each sandbox. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("salesforce", salesforce.info());
        info.put("hubspot", hubspot.info());
        info.put("pipedrive", pipedrive.info());
        return info;
    }

    public SalesforceSandbox salesforce() {
        return salesforce;
    }

    public HubSpotSandbox hubspot() {
        return hubspot;
    }

    public PipedriveSandbox pipedrive() {
        return pipedrive;
    }

    @Override
    public void close() {
        try (salesforce; hubspot; pipedrive) {
            // closes all three, in reverse order
        }
    }
}
