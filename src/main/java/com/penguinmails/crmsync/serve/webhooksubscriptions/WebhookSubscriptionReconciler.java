package com.penguinmails.crmsync.serve.webhooksubscriptions;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.CrmWebhookSubscriptions;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.CredentialsException;
import com.penguinmails.crmsync.credentials.WebhookSecretStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps each connection's webhook subscriptions as its state wants them, for every CRM whose provider makes them per
 * connection ({@code webhookSubscriptions()}, Pipedrive): an active connection gets its Basic auth credentials
 * (generated once, sealed) and its webhooks to {@code <crmsync.serve.public-url>/webhooks/<crm>/<connection id>},
 * re-created when the CRM deleted or banned them; a disabled one has them removed (once per process). A connection
 * whose authorisation failed, or that was disconnected, is not called ({@code connections disconnect} removes the
 * webhooks itself, through {@link #remove}, before the credentials go). Without a public URL nothing is registered,
 * and that is said once. A CRM that cannot be reached is one warning line; the next pass tries again.
 */
@Component
public class WebhookSubscriptionReconciler {

    private static final Logger log = LoggerFactory.getLogger(WebhookSubscriptionReconciler.class);

    /** Retries of a transient failure when removing on disconnect: an operator waits for it. */
    private static final int REMOVAL_RETRIES = 1;

    private final ConnectionStore connections;
    private final Connectors connectors;
    private final WebhookSecretStore secrets;
    private final @Nullable String publicUrl;
    private final Set<Long> removedWhileDisabled = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean toldNoPublicUrl = new AtomicBoolean();

    public WebhookSubscriptionReconciler(ConnectionStore connections, Connectors connectors,
                                         WebhookSecretStore secrets,
                                         @Value("${crmsync.serve.public-url:}") String publicUrl) {
        this.connections = connections;
        this.connectors = connectors;
        this.secrets = secrets;
        this.publicUrl = publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    /** What one pass did to one connection. */
    public enum Result {
        /** Its CRM needs no subscription per connection, or there is no public URL. */
        NOT_APPLICABLE,
        /** Its webhooks were as wanted. */
        UNCHANGED,
        /** Webhooks were created, re-created or removed. */
        CHANGED,
        /** It is in a state nothing is done for (authorisation failed, disconnected, already removed). */
        SKIPPED,
        /** The CRM could not be reached or refused; the next pass tries again. */
        FAILED
    }

    /** One pass over every connection (at start, periodically, on demand); without a public URL, says so once. */
    public void reconcileAll() {
        if (publicUrl == null) {
            if (toldNoPublicUrl.compareAndSet(false, true)) {
                log.info("crmsync.serve.public-url is not set: no CRM webhooks are registered (Pipedrive's "
                        + "changes arrive with the hourly run)");
            }
            return;
        }
        for (Connection connection : connections.list(null)) {
            reconcile(connection);
        }
    }

    /** One pass over one connection (on demand, e.g. just after it was activated). */
    public Result reconcile(long connectionId) {
        return connections.find(connectionId).map(this::reconcile).orElse(Result.SKIPPED);
    }

    private Result reconcile(Connection connection) {
        Optional<CrmWebhookSubscriptions> subscriptions = subscriptions(connection);
        String base = publicUrl;
        if (subscriptions.isEmpty() || base == null) {
            return Result.NOT_APPLICABLE;
        }
        ConnectionContext context = new ConnectionContext(connection);
        try {
            switch (connection.status()) {
                case ACTIVE -> {
                    removedWhileDisabled.remove(connection.id());
                    WebhookSecretStore.Secret secret = secrets.findOrCreate(connection.id());
                    CrmWebhookSubscriptions.Outcome outcome = subscriptions.get().ensure(context,
                            connectors.executor(connection), target(base, connection),
                            new WebhookAccounts.WebhookCredentials(secret.user(), secret.password()));
                    if (outcome.changed()) {
                        log.info("{}: webhooks created {}, removed {}", context.name(), outcome.created(),
                                outcome.removed());
                        return Result.CHANGED;
                    }
                    return Result.UNCHANGED;
                }
                case DISABLED -> {
                    if (removedWhileDisabled.contains(connection.id())) {
                        return Result.SKIPPED;
                    }
                    int removed = subscriptions.get().remove(context, connectors.executor(connection),
                            target(base, connection));
                    removedWhileDisabled.add(connection.id());
                    if (removed > 0) {
                        log.info("{} is disabled: {} webhooks removed", context.name(), removed);
                        return Result.CHANGED;
                    }
                    return Result.UNCHANGED;
                }
                default -> {
                    return Result.SKIPPED;
                }
            }
        } catch (CrmUnavailableException | CrmApiException | CredentialsException e) {
            log.warn("{}: its webhooks could not be reconciled: {}", context.name(), e.getMessage());
            return Result.FAILED;
        }
    }

    /** What {@link #remove} did: webhooks removed, or why they could not be (one line for an operator). */
    public record Removal(int removed, @Nullable String problem) {
    }

    /**
     * Removes the connection's webhooks from its CRM, best effort: called by {@code connections disconnect} while the
     * connection still has its credentials. Nothing is done for a CRM without subscriptions per connection, or without
     * a public URL (nothing was registered then).
     */
    public Removal remove(long connectionId) {
        Optional<Connection> connection = connections.find(connectionId);
        if (connection.isEmpty() || subscriptions(connection.get()).isEmpty()
                || connection.get().status() == Connection.Status.DISCONNECTED) {
            return new Removal(0, null);
        }
        ConnectionContext context = new ConnectionContext(connection.get());
        String base = publicUrl;
        if (base == null) {
            return new Removal(0, null);
        }
        try {
            int removed = subscriptions(connection.get()).orElseThrow().remove(context,
                    connectors.executor(connection.get(), REMOVAL_RETRIES), target(base, connection.get()));
            return new Removal(removed, null);
        } catch (CrmUnavailableException | CrmApiException | CredentialsException e) {
            return new Removal(0, context.name() + ": its webhooks could not be removed (" + e.getMessage()
                    + "); delete those calling " + target(base, connection.get()) + " in the CRM's webhook settings");
        }
    }

    /** Where the CRM delivers a connection's webhooks: {@code <public url>/webhooks/<crm>/<connection id>}. */
    static URI target(String publicUrl, Connection connection) {
        return URI.create(publicUrl + "/webhooks/" + connection.crm().id() + "/" + connection.id());
    }

    private Optional<CrmWebhookSubscriptions> subscriptions(Connection connection) {
        try {
            return connectors.provider(connection.crm()).webhookSubscriptions();
        } catch (CrmUnavailableException e) {
            return Optional.empty(); // this build has no connector for it
        }
    }
}
