package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.WriteResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads and writes opt-outs the way HubSpot keeps them. Writes: {@code hs_email_optout} is read-only, so an opted-out contact's address
 * is unsubscribed through communication preferences ({@code POST /communication-preferences/v3/unsubscribe}) from the
 * configured subscription, by default the marketing one (read once from the definitions). One call per address:
 * HubSpot's v3 API has no batch unsubscribe. An address already unsubscribed counts as done. Reads: an unsubscribe
 * from one subscription sets {@code hs_email_optout_<subscriptionId>}, not {@code hs_email_optout} (all email), so a
 * contact counts as opted out when either is true ({@link #optedOut}).
 */
public final class ConsentWriter {

    private final HubSpotApi api;
    private final HubSpotOptions options;
    private final AtomicReference<String> subscriptionId = new AtomicReference<>();

    public ConsentWriter(HubSpotApi api, HubSpotOptions options) {
        this.api = api;
        this.options = options;
    }

    /** Unsubscribes the address of each record written successfully; a failure is recorded on its result. */
    void unsubscribe(Map<Integer, String> emails, WriteResult[] results) {
        emails.forEach((index, email) -> {
            WriteResult written = results[index];
            if (written == null || !written.success()) {
                return;
            }
            HubSpotHttp.Reply reply = api.unsubscribe(email.trim(), subscription());
            boolean already = reply.status() == 400
                    && reply.body().path("message").asString("").toLowerCase(Locale.ROOT).contains("already");
            if (!reply.success() && !already) {
                results[index] = new WriteResult(index, written.crmId(), written.created(), "UNSUBSCRIBE_FAILED",
                        "the record was written but HubSpot refused to unsubscribe its address (" + reply.category()
                                + ")", List.of(RecordWriter.OPT_OUT));
            }
        });
    }

    /**
     * Whether a contact read from HubSpot is opted out of the email PenguinMails sends: unsubscribed from all email
     * ({@code hs_email_optout}) or from the subscription the suite manages ({@code hs_email_optout_<id>}, which is
     * what an unsubscribe sets). The subscription is looked up only when the record carries such a property.
     */
    boolean optedOut(java.util.Map<String, ?> properties) {
        if ("true".equalsIgnoreCase(String.valueOf(properties.get(RecordWriter.OPT_OUT)))) {
            return true;
        }
        boolean perSubscription = properties.keySet().stream().anyMatch(k -> k.startsWith(RecordWriter.OPT_OUT + "_"));
        return perSubscription
                && "true".equalsIgnoreCase(String.valueOf(properties.get(RecordWriter.OPT_OUT + "_" + subscription())));
    }

    private String subscription() {
        String known = subscriptionId.get();
        if (known != null) {
            return known;
        }
        String chosen = options.subscriptionId().orElseGet(() -> {
            List<HubSpotApi.SubscriptionDefinition> definitions = api.subscriptionDefinitions().stream()
                    .filter(HubSpotApi.SubscriptionDefinition::active).toList();
            return definitions.stream().filter(d -> d.name().toLowerCase(Locale.ROOT).contains("marketing"))
                    .findFirst()
                    .or(() -> definitions.stream().filter(HubSpotApi.SubscriptionDefinition::isDefault).findFirst())
                    .or(() -> definitions.stream().findFirst())
                    .map(HubSpotApi.SubscriptionDefinition::id)
                    .orElseThrow(() -> new IllegalStateException("the HubSpot account has no email subscription "
                            + "to unsubscribe opted-out contacts from; set the connection's subscriptionId"));
        });
        subscriptionId.set(chosen);
        return chosen;
    }
}
