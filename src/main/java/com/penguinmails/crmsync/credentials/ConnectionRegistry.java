package com.penguinmails.crmsync.credentials;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connecting, pausing, disconnecting and re-crediting tenants' CRMs: each change to a connection and its credentials
 * happens in one transaction, so a refused request changes nothing. Disconnecting deletes the secrets; connecting the
 * same account again reattaches the disconnected connection, and new secrets replace old ones in place, so a
 * connection's links and watermarks outlive any change of credentials. Every change is written to the audit log with
 * the {@link Actor} who made it, in the same transaction (never a secret: settings names and states only).
 */
@Service
public class ConnectionRegistry {

    private final ConnectionStore connections;
    private final CredentialStore credentials;
    private final TenantStore tenants;
    private final CrmProviders crms;
    private final WebhookSecretStore webhookSecrets;
    private final SyncAuditStore audit;

    public ConnectionRegistry(ConnectionStore connections, CredentialStore credentials, TenantStore tenants,
                              CrmProviders crms, WebhookSecretStore webhookSecrets, SyncAuditStore audit) {
        this.webhookSecrets = webhookSecrets;
        this.audit = audit;
        this.connections = connections;
        this.credentials = credentials;
        this.tenants = tenants;
        this.crms = crms;
    }

    /** What {@link #attach} did: connected anew, or reattached a disconnected connection to that account. */
    public record Attached(long id, boolean reattached) {
    }

    /**
     * Connects a tenant's CRM account with its credentials, as the suite's own set-up (demo, tests, benchmarks);
     * returns the connection id (see {@link #attach}).
     */
    @Transactional
    public long connect(String tenantId, CrmKind crm, @Nullable String accountRef, Map<String, String> settings,
                        Credential credential) {
        return attach(Actor.system("setup"), tenantId, crm, accountRef, settings, credential).id();
    }

    /**
     * Connects a tenant's CRM account with its credentials. When the tenant had connected that account before (same
     * CRM and account ref) and disconnected it, that connection is reattached, with the new secrets and settings, so
     * its record links, activity links and watermarks are used again and nothing is created or logged twice.
     *
     * @throws InvalidRequestException when the tenant has no such id, this build has no such CRM, the credential is
     *                                 of a kind the CRM does not take (Salesforce an API token), or the tenant has a
     *                                 live connection to that account (which {@code set-credentials} changes)
     */
    @Transactional
    public Attached attach(Actor actor, String tenantId, CrmKind crm, @Nullable String accountRef,
                           Map<String, String> settings, Credential credential) {
        requireTenant(tenantId);
        requireKindFits(crm, credential instanceof Credential.OAuth);
        connections.requireNotConnected(tenantId, crm, accountRef);
        var disconnected = connections.findDisconnected(tenantId, crm, accountRef);
        if (disconnected.isPresent()) {
            Map<String, String> merged = new java.util.TreeMap<>(disconnected.get().settings());
            merged.putAll(settings);
            connections.reattach(disconnected.get(), merged);
            credentials.save(disconnected.get().id(), credential);
            record(actor, disconnected.get(), "connection.reattached", Map.of("crm", crm.id(),
                    "credential", credential.kind()));
            return new Attached(disconnected.get().id(), true);
        }
        long id = connections.add(tenantId, crm, accountRef, settings);
        credentials.save(id, credential);
        record(actor, existing(id), "connection.connected", Map.of("crm", crm.id(), "credential", credential.kind()));
        return new Attached(id, false);
    }

    /**
     * Replaces a live connection's secrets in place (its links, activity links and watermarks stay), with the settings
     * the new secrets need, and records the account they open; a connection whose authorisation had failed is active
     * again, a disabled one stays disabled.
     *
     * @param account the account the new credentials open, as the CRM named it; recorded when the connection had
     *                none, or when {@code allowOtherAccount}
     * @throws InvalidRequestException when there is no such connection, it was disconnected, the credential does not
     *                                 fit its CRM, or {@code account} is not the connection's account and
     *                                 {@code allowOtherAccount} is false
     */
    @Transactional
    public Connection replaceCredentials(Actor actor, long id, Credential credential, Map<String, String> settings,
                                         String account, java.util.function.Predicate<String> isAccount,
                                         boolean allowOtherAccount) {
        Connection connection = replaceable(id, credential instanceof Credential.OAuth);
        String recorded = connection.accountRef();
        if (recorded == null || (!isAccount.test(recorded) && allowOtherAccount)) {
            connections.setAccountRef(id, account);
        } else if (!isAccount.test(recorded)) {
            throw new InvalidRequestException("connection " + id + " is " + connection.crm().id() + " account "
                    + recorded + " but the new credentials open account " + account + "; give credentials of "
                    + recorded + ", or pass --allow-other-account if the tenant really moved to " + account);
        }
        connections.replaceSettings(id, settings);
        credentials.save(id, credential);
        if (connection.status() == Connection.Status.AUTH_FAILED) {
            connections.setStatus(id, Connection.Status.ACTIVE, null);
        }
        record(actor, connection, "connection.credentials-replaced", Map.of("credential", credential.kind(),
                "accountChanged", recorded != null && !isAccount.test(recorded)));
        return existing(id);
    }

    /**
     * The connection whose secrets new credentials ({@code oauth} ones, or an API token) may replace.
     *
     * @throws InvalidRequestException when there is no such connection, it was disconnected, or the credential does
     *                                 not fit its CRM
     */
    public Connection replaceable(long id, boolean oauth) {
        Connection connection = existing(id);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new InvalidRequestException("connection " + id + " was disconnected; add it again with 'connections "
                    + "add' (same tenant, CRM and --account) to reattach it with its links");
        }
        requireKindFits(connection.crm(), oauth);
        return connection;
    }

    private void requireKindFits(CrmKind crm, boolean oauth) {
        CrmDescription description;
        try {
            description = crms.describe(crm);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        AuthMode given = AuthMode.of(oauth);
        if (!description.authModes().contains(given)) {
            throw new InvalidRequestException(description.authRefusal(given));
        }
    }

    /** @throws InvalidRequestException when there is no such tenant */
    public void requireTenant(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new InvalidRequestException("no tenant with id " + tenantId + " (see 'tenants list')");
        }
    }

    /** Syncs a paused connection again (activate). */
    @Transactional
    public Connection enable(Actor actor, long id) {
        Connection connection = existing(id);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new InvalidRequestException("connection " + id + " was disconnected and has no credentials; "
                    + "add it again with 'connections add' (same tenant, CRM and --account) to reattach it");
        }
        connections.setStatus(id, Connection.Status.ACTIVE, null);
        record(actor, connection, "connection.activated", Map.of("from", connection.status().dbValue()));
        return existing(id);
    }

    /** Pauses a connection: jobs skip it; its credentials and links are kept. */
    @Transactional
    public Connection disable(Actor actor, long id, @Nullable String reason) {
        Connection connection = existing(id);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new InvalidRequestException("connection " + id + " is disconnected already");
        }
        connections.setStatus(id, Connection.Status.DISABLED, reason);
        record(actor, connection, "connection.paused", reason == null ? Map.of() : Map.of("reason", reason));
        return existing(id);
    }

    /**
     * Stops syncing the connection for good and deletes its credentials and webhook secrets; its history (links,
     * audit) stays.
     */
    @Transactional
    public Connection disconnect(Actor actor, long id) {
        Connection connection = existing(id);
        credentials.delete(id);
        webhookSecrets.delete(id);
        connections.setStatus(id, Connection.Status.DISCONNECTED, "disconnected by " + actor);
        record(actor, connection, "connection.disconnected", Map.of("from", connection.status().dbValue()));
        return existing(id);
    }

    /**
     * Replaces a connection's non-secret settings (already checked) and audits it as {@code action} with
     * {@code details} (setting names and non-secret values only).
     *
     * @throws InvalidRequestException when there is no such connection
     */
    @Transactional
    public Connection changeSettings(Actor actor, long id, Map<String, String> settings, String action,
                                     Map<String, ?> details) {
        Connection connection = existing(id);
        connections.replaceSettings(id, settings);
        record(actor, connection, action, details);
        return existing(id);
    }

    /** Records that the CRM refused the connection's credentials: jobs skip it until it is authorised again. */
    @Transactional
    public void markAuthFailed(long id, String reason) {
        connections.setStatus(id, Connection.Status.AUTH_FAILED, reason);
        connections.find(id).ifPresent(connection -> record(Actor.system("sync"), connection,
                "connection.auth-failed", Map.of()));
    }

    private void record(Actor actor, Connection connection, String action, Map<String, ?> details) {
        audit.recordChange(actor, connection.tenantId(), connection.id(), action, details);
    }

    public Connection existing(long id) {
        return connections.find(id).orElseThrow(() -> new InvalidRequestException(
                "no connection with id " + id + " (see 'connections list')"));
    }
}
