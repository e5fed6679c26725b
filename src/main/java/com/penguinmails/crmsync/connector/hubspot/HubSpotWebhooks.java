package com.penguinmails.crmsync.connector.hubspot;

import com.penguinmails.crmsync.connector.hubspot.internal.WebhookEventReader;
import com.penguinmails.crmsync.connector.hubspot.internal.WebhookSignatureV3;
import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives a HubSpot app's webhook deliveries (one address for every installed account, {@link Route#PER_APP}):
 * signature v3 checked against the app's client secret (401 when it or its timestamp is missing, wrong, or more than
 * 5 minutes away; 401 "not configured" without a secret), then the events read into notices
 * ({@link WebhookEventReader}) and handed out per connection of the account ({@code portalId}) they name; an account
 * no connection has is left out. A replayed delivery inside the 5 minutes passes, and its notices dedupe by event id.
 */
public final class HubSpotWebhooks implements CrmWebhooks {

    @Override
    public Route route() {
        return Route.PER_APP;
    }

    @Override
    public List<ConnectionNotices> receive(WebhookDelivery delivery, WebhookAccounts accounts) {
        String secret = accounts.appSecret().filter(s -> !s.isBlank()).orElseThrow(() ->
                new WebhookRefusedException(401, "HubSpot webhooks are not configured: no app client secret"));
        WebhookSignatureV3.verify(delivery, secret);
        Map<String, List<Long>> connectionsOfPortal = new HashMap<>();
        Map<Long, List<CrmChangeNotice>> byConnection = new LinkedHashMap<>();
        for (WebhookEventReader.PortalNotice notice : WebhookEventReader.read(delivery.body())) {
            for (long connection : connectionsOfPortal.computeIfAbsent(notice.portalId(),
                    accounts::connectionsOfAccount)) {
                byConnection.computeIfAbsent(connection, c -> new ArrayList<>()).add(notice.notice());
            }
        }
        List<ConnectionNotices> result = new ArrayList<>();
        byConnection.forEach((connection, notices) -> result.add(new ConnectionNotices(connection, notices)));
        return result;
    }
}
