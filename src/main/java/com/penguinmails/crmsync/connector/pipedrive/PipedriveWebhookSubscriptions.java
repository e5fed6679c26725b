package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.pipedrive.internal.ApiTransport;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveApi;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveSettings;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmWebhookSubscriptions;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's Pipedrive webhooks ({@code /api/v1/webhooks}; Pipedrive has no v2 endpoints for them): one per synced
 * object ({@code person}, {@code organization}), every action ({@code *}), payload version {@code 2.0}, HTTP Basic
 * auth, delivering to the connection's address. Ours are the webhooks whose {@code subscription_url} is that address.
 * One of ours that Pipedrive deactivated (banned after failed deliveries), that carries another Basic auth user or
 * version, or that doubles another, is deleted; a missing one (deleted by Pipedrive after three days of failures, or
 * by a user) is created again.
 */
public final class PipedriveWebhookSubscriptions implements CrmWebhookSubscriptions {

    /** The Pipedrive objects whose changes the suite syncs. */
    static final List<String> OBJECTS = List.of("person", "organization");
    static final String VERSION = "2.0";

    private final JsonMapper json;

    public PipedriveWebhookSubscriptions(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Outcome ensure(ConnectionContext context, ApiExecutor executor, URI target,
                          WebhookAccounts.WebhookCredentials credentials) {
        PipedriveApi api = api(context, executor);
        Set<String> covered = new HashSet<>();
        int removed = 0;
        for (JsonNode webhook : ours(api, target)) {
            String object = webhook.path("event_object").asString("");
            boolean right = OBJECTS.contains(object) && "*".equals(webhook.path("event_action").asString(""))
                    && VERSION.equals(webhook.path("version").asString(""))
                    && credentials.user().equals(webhook.path("http_auth_user").asString(""))
                    && active(webhook);
            if (right && covered.add(object)) {
                continue;
            }
            api.deleteWebhook(webhook.path("id").asString());
            removed++;
        }
        int created = 0;
        for (String object : OBJECTS) {
            if (!covered.contains(object)) {
                api.addWebhook(request(context, target, credentials, object));
                created++;
            }
        }
        return new Outcome(created, removed);
    }

    @Override
    public int remove(ConnectionContext context, ApiExecutor executor, URI target) {
        PipedriveApi api = api(context, executor);
        List<JsonNode> ours = ours(api, target);
        ours.forEach(webhook -> api.deleteWebhook(webhook.path("id").asString()));
        return ours.size();
    }

    private PipedriveApi api(ConnectionContext context, ApiExecutor executor) {
        return new PipedriveApi(new ApiTransport(executor, PipedriveSettings.of(context), json));
    }

    private static List<JsonNode> ours(PipedriveApi api, URI target) {
        String url = target.toString();
        return api.webhooks().stream().filter(w -> url.equals(w.path("subscription_url").asString(""))).toList();
    }

    /** {@code is_active}: Pipedrive answers 1 or 0 (older answers true or false). */
    private static boolean active(JsonNode webhook) {
        JsonNode active = webhook.path("is_active");
        return active.isBoolean() ? active.asBoolean() : active.asInt(1) != 0;
    }

    private ObjectNode request(ConnectionContext context, URI target, WebhookAccounts.WebhookCredentials credentials,
                               String object) {
        ObjectNode body = json.createObjectNode();
        body.put("subscription_url", target.toString());
        body.put("event_action", "*");
        body.put("event_object", object);
        body.put("version", VERSION);
        body.put("http_auth_user", credentials.user());
        body.put("http_auth_password", credentials.password());
        body.put("name", "PenguinMails CRM Sync " + object + "s (connection " + context.connection().id() + ")");
        return body;
    }
}
