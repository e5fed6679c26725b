package com.penguinmails.crmsync.connector.fake;

import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fake CRM's webhooks, the two ways real CRMs deliver: {@link Route#PER_APP} signed like HubSpot's (header
 * {@value #SIGNATURE}: hex HMAC-SHA256 of method, full URL and body with the app secret; events name their account),
 * or {@link Route#PER_CONNECTION} with Basic auth like Pipedrive's. Body:
 * {@code {"account":"a","events":[{"id":"e1","type":"CONTACT","change":"UPSERTED","record":"r1","merged":[],
 * "at":"2026-11-01T00:00:00Z"}]}}.
 */
public final class FakeCrmWebhooks implements CrmWebhooks {

    /** The signature header of per-app deliveries. */
    public static final String SIGNATURE = "X-Fake-Signature";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Route route;

    public FakeCrmWebhooks(Route route) {
        this.route = route;
    }

    @Override
    public Route route() {
        return route;
    }

    /** The signature of a per-app delivery. */
    public static String sign(String secret, String method, String url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((method + url).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<ConnectionNotices> receive(WebhookDelivery delivery, WebhookAccounts accounts) {
        if (route == Route.PER_APP) {
            verifySignature(delivery, accounts);
        } else {
            verifyBasicAuth(delivery, accounts);
        }
        JsonNode body;
        try {
            body = JSON.readTree(delivery.body());
        } catch (JacksonException e) {
            throw new WebhookRefusedException(400, "the body is not JSON");
        }
        List<CrmChangeNotice> notices = new ArrayList<>();
        for (JsonNode event : required(body, "events")) {
            List<String> merged = new ArrayList<>();
            event.path("merged").forEach(id -> merged.add(id.asString()));
            try {
                notices.add(new CrmChangeNotice(required(event, "id").asString(),
                        ObjectType.valueOf(required(event, "type").asString()),
                        CrmChangeNotice.Change.valueOf(required(event, "change").asString()),
                        event.hasNonNull("record") ? event.get("record").asString() : null, merged,
                        Instant.parse(event.path("at").asString("2026-11-01T00:00:00Z"))));
            } catch (RuntimeException e) {
                throw new WebhookRefusedException(400, "an event's type, change or at is not valid");
            }
        }
        if (route == Route.PER_CONNECTION) {
            return List.of(new ConnectionNotices(Objects.requireNonNull(delivery.connectionId()), notices));
        }
        return accounts.connectionsOfAccount(required(body, "account").asString()).stream()
                .map(connection -> new ConnectionNotices(connection, notices)).toList();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new WebhookRefusedException(400, "the field '" + field + "' is missing");
        }
        return value;
    }

    private static void verifySignature(WebhookDelivery delivery, WebhookAccounts accounts) {
        String secret = accounts.appSecret()
                .orElseThrow(() -> new WebhookRefusedException(401, "no app secret is configured"));
        String given = delivery.header(SIGNATURE)
                .orElseThrow(() -> new WebhookRefusedException(401, "the header " + SIGNATURE + " is missing"));
        String expected = sign(secret, delivery.method(), delivery.url().toString(), delivery.body());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRefusedException(401, "the header " + SIGNATURE + " does not match the delivery");
        }
    }

    private static void verifyBasicAuth(WebhookDelivery delivery, WebhookAccounts accounts) {
        long connection = Objects.requireNonNull(delivery.connectionId());
        WebhookAccounts.WebhookCredentials credentials = accounts.credentials(connection)
                .orElseThrow(() -> new WebhookRefusedException(401, "connection " + connection
                        + " has no webhook credentials"));
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        String given = delivery.header("Authorization")
                .orElseThrow(() -> new WebhookRefusedException(401, "the header Authorization is missing"));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRefusedException(401, "the header Authorization does not match connection "
                    + connection + "'s webhook credentials");
        }
    }
}
