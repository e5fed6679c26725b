package com.penguinmails.crmsync.sandbox;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import java.net.URI;
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

    /**
     * Makes the CRM announce its changes from now on to a running {@code crm-sync serve} at {@code serviceBaseUrl}
     * (e.g. {@code http://127.0.0.1:8080}), as configuring the vendor's side once does. Nothing by default: a CRM
     * whose webhooks the service registers itself per connection (Pipedrive, with {@code crmsync.serve.public-url})
     * or whose change events the service subscribes to (Salesforce) needs no setting here. HubSpot's app delivers to
     * {@code <serviceBaseUrl>/webhooks/hubspot}, signed with the client secret its {@link #info()} names (the service's
     * {@code crmsync.serve.hubspot.client-secret}).
     */
    default void deliverChangesTo(URI serviceBaseUrl) {
    }

    /**
     * Whether the CRM announces its changes to someone now, so that a change made from now on reaches a service:
     * HubSpot has a target URL, Pipedrive at least one live webhook, Salesforce an open change-event subscription.
     * What a demo or test waits for after starting a service and before playing changes.
     */
    boolean announcesChanges();

    /**
     * Sets one field of a person as a CRM user does: through the vendor's own public API with this sandbox's own
     * credentials (not the suite's connector), so the CRM announces it as a user's change. {@code field} is the
     * vendor's API name of a text field ({@code LastName}, {@code lastname}, {@code last_name}); Pipedrive's first and
     * last names are written as its {@code name}, the way its users and API write them.
     *
     * @throws IllegalStateException when the CRM refuses the edit (e.g. no such person)
     */
    void editPersonAsUser(String crmId, String field, String value);

    /** Stops the server. */
    @Override
    default void close() {
        server().close();
    }
}
