package com.penguinmails.crmsync.sandbox;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import java.util.Map;

/**
 * One CRM's running sandbox as the CLI, the demo and tests see it, whatever CRM it plays: its CRM id, what a client
 * needs to reach it ({@link #info()}) and how a tenant connection to it is made ({@link #tenantConnection()}).
 */
public interface CrmSandbox extends AutoCloseable {

    /** The CRM it plays, as {@code crm_sync.connections.crm} names it ({@code salesforce}, {@code hubspot} ...). */
    String crm();

    /** URLs, credentials, plan and limits: what {@code crm-sync sandbox} prints for this CRM. */
    Map<String, Object> info();

    /** The HTTP server under it: stats, faults, clock, reset. */
    SandboxHttpServer server();

    /** The settings and credentials a tenant connection to this sandbox needs. */
    SandboxTenantConnection tenantConnection();

    /** Stops the server. */
    @Override
    default void close() {
        server().close();
    }
}
