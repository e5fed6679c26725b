package com.penguinmails.crmsync.connector.salesforce.cdc;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Salesforce's change stream: Change Data Capture events of Contact, Lead and Account read over the Pub/Sub API.
 * Settings: {@code pubSubEndpoint} (default {@value PubSubEndpoint#DEFAULT}), {@code cdcChannel} (default
 * {@value #DEFAULT_CHANNEL}: one stream and so one replay id per connection; a custom channel
 * {@code /data/<Name>__chn} holding those entities works too), {@code cdcReconnectMillis} (first reconnect wait,
 * doubling to one minute, default 1,000). The org id ({@code tenantid}) is the connection's account reference.
 */
public final class SalesforceChangeStream implements CrmChangeStream {

    static final String DEFAULT_CHANNEL = "/data/ChangeEvents";

    @Override
    public Subscription open(ConnectionContext context, ApiExecutor executor, byte @Nullable [] resumeAfter,
                             Listener listener) {
        String orgId = context.connection().accountRef();
        if (orgId == null || orgId.isBlank()) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, context.name()
                    + " has no Salesforce org id: authorise it again so its change events can be read");
        }
        String instance = executor.tokens().instanceUrl().or(context::baseUrl).orElseThrow(
                () -> new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, context.name()
                        + " has no Salesforce instance URL: authorise it again, or set its baseUrl"));
        ExponentialBackOff backOff = new ExponentialBackOff(reconnectMillis(context), 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        ChangeSubscriber subscriber = new ChangeSubscriber(context.name(),
                PubSubEndpoint.parse(context.setting("pubSubEndpoint").orElse(PubSubEndpoint.DEFAULT)),
                context.setting("cdcChannel").orElse(DEFAULT_CHANNEL), executor.tokens(),
                () -> trim(executor.tokens().instanceUrl().orElse(instance)), orgId, resumeAfter, listener, backOff);
        subscriber.start();
        return subscriber;
    }

    private static long reconnectMillis(ConnectionContext context) {
        try {
            return Long.parseLong(context.setting("cdcReconnectMillis").orElse("1000").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context.name() + ": setting cdcReconnectMillis must be a number of "
                    + "milliseconds");
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
