package com.penguinmails.crmsync.serve.webhook;

import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.serve.WebhookCredentialSource;
import com.penguinmails.crmsync.serve.dispatch.NoticeDispatch;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives one webhook delivery for a CRM: routes it to the CRM's {@link CrmWebhooks} (by the path: the CRM, and the
 * connection for per-connection CRMs), stores the notices it yields in one transaction, then schedules them to be
 * applied. Anything refused stores nothing and is thrown as a {@link WebhookProblem}.
 */
@Component
@ConditionalOnServe
class WebhookIntake {

    /** The crm tag of refusals whose path names no registered CRM (never the path itself: tags stay few). */
    static final String UNKNOWN_CRM = "unknown";

    private final CrmProviders crms;
    private final List<CrmConnectorProvider> providers;
    private final ConnectionStore connections;
    private final ChangeNoticeStore notices;
    private final TransactionTemplate transaction;
    private final NoticeDispatch dispatch;
    private final WebhookCredentialSource credentials;
    private final @Nullable String appSecret;
    private final MeterRegistry meters;

    WebhookIntake(CrmProviders crms, List<CrmConnectorProvider> providers, ConnectionStore connections,
                  ChangeNoticeStore notices, PlatformTransactionManager transactionManager, NoticeDispatch dispatch,
                  ObjectProvider<WebhookCredentialSource> credentials, ServeProperties properties,
                  MeterRegistry meters) {
        this.crms = crms;
        this.providers = List.copyOf(providers);
        this.connections = connections;
        this.notices = notices;
        this.transaction = new TransactionTemplate(transactionManager);
        this.dispatch = dispatch;
        this.credentials = credentials.getIfAvailable(() -> connectionId -> Optional.empty());
        this.appSecret = properties.hubspot().clientSecret();
        this.meters = meters;
    }

    /**
     * Verifies, stores and schedules one delivery.
     *
     * @param connection the path's connection segment, null on the per-app path
     * @return how many notices were new (not stored before)
     * @throws WebhookProblem when the delivery is refused; nothing is stored then
     */
    int receive(String crm, @Nullable String connection, String method, URI url, Map<String, String> headers,
                byte[] body) {
        CrmKind kind = kind(crm);
        CrmWebhooks webhooks = providers.stream().filter(p -> p.kind().equals(kind)).findFirst()
                .flatMap(CrmConnectorProvider::webhooks)
                .orElseThrow(() -> new WebhookProblem(404, "not_found", kind.id(),
                        kind.id() + " delivers no webhooks to this service"));
        ConnectionWebhookAccounts accounts = new ConnectionWebhookAccounts(kind, connections, credentials, appSecret);
        Long connectionId = connectionOf(kind, webhooks.route(), connection, accounts);
        WebhookDelivery delivery = new WebhookDelivery(method, url, headers, body, connectionId, Instant.now());
        List<ConnectionNotices> received;
        try {
            received = webhooks.receive(delivery, accounts);
        } catch (WebhookRefusedException e) {
            throw new WebhookProblem(e.status(), WebhookProblem.reasonOf(e.status()), kind.id(), e.getMessage());
        }
        if (connectionId != null && received.stream().anyMatch(c -> c.connectionId() != connectionId)) {
            // the address names one connection: a CRM's webhooks never put its events on another
            throw new IllegalStateException(kind.id() + "'s webhooks gave notices of another connection than "
                    + connectionId + ", the one the address names");
        }
        Integer stored = transaction.execute(status -> received.stream()
                .mapToInt(c -> notices.store(c.connectionId(), c.notices())).sum());
        dispatch.schedule(received.stream().filter(c -> !c.notices().isEmpty())
                .map(ConnectionNotices::connectionId).distinct().toList());
        Counter.builder("crmsync.webhooks.accepted")
                .description("webhook deliveries stored, by CRM")
                .tag("crm", kind.id())
                .register(meters)
                .increment();
        return stored == null ? 0 : stored;
    }

    /** The crm tag of a refusal on this path: the CRM's id when one is registered, else {@value #UNKNOWN_CRM}. */
    String crmTag(String crm) {
        try {
            return crms.kind(crm).id();
        } catch (IllegalArgumentException e) {
            return UNKNOWN_CRM;
        }
    }

    private CrmKind kind(String crm) {
        try {
            return crms.kind(crm);
        } catch (IllegalArgumentException e) {
            throw new WebhookProblem(404, "not_found", UNKNOWN_CRM,
                    "the path names no CRM this service receives webhooks of; expected /webhooks/<crm id>");
        }
    }

    private static @Nullable Long connectionOf(CrmKind kind, CrmWebhooks.Route route, @Nullable String segment,
                                               ConnectionWebhookAccounts accounts) {
        if (route == CrmWebhooks.Route.PER_APP) {
            if (segment != null) {
                throw new WebhookProblem(404, "not_found", kind.id(),
                        kind.id() + " delivers to /webhooks/" + kind.id() + ", without a connection id");
            }
            return null;
        }
        if (segment == null) {
            throw new WebhookProblem(404, "not_found", kind.id(),
                    kind.id() + " delivers to /webhooks/" + kind.id() + "/<connection id>; the path names none");
        }
        long id;
        try {
            id = Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw new WebhookProblem(404, "not_found", kind.id(), "the connection id in the path is not a number");
        }
        if (!accounts.isConnected(id)) {
            throw new WebhookProblem(404, "not_found", kind.id(), "no live " + kind.id() + " connection " + id);
        }
        return id;
    }
}
