package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Pipedrive's webhooks v2 at {@code /webhooks/pipedrive/<connection id>}. Pipedrive signs nothing: a delivery
 * is authentic when its HTTP Basic auth is the user and password this suite gave Pipedrive for that connection
 * (compared in constant time). Person events become {@link ObjectType#CONTACT} notices and organization events
 * {@link ObjectType#COMPANY} ones; {@code create} and {@code change} say the record was upserted, {@code delete} that it
 * was deleted, or, with {@code meta.merged_to_id}, merged into that record (Pipedrive sends a merge as a delete of the
 * loser with {@code merged_to_id} and a change of the survivor). Other objects (deals, activities) are ignored.
 *
 * <p>The event id is {@code <entity>/<entity_id>/<action>/<meta.id>/<meta.timestamp>} ({@code meta.correlation_id}
 * when there is no {@code meta.id}): a retried delivery repeats every part and is stored once, while two changes of a
 * record never share one, whatever Pipedrive puts in {@code meta.id}.
 */
public final class PipedriveWebhooks implements CrmWebhooks {

    private static final Map<String, ObjectType> ENTITIES = Map.of("person", ObjectType.CONTACT,
            "organization", ObjectType.COMPANY);

    private final JsonMapper json;

    public PipedriveWebhooks(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Route route() {
        return Route.PER_CONNECTION;
    }

    @Override
    public List<ConnectionNotices> receive(WebhookDelivery delivery, WebhookAccounts accounts) {
        Long connectionId = delivery.connectionId();
        if (connectionId == null || !accounts.isConnected(connectionId)) {
            throw new WebhookRefusedException(404, "no Pipedrive connection " + connectionId);
        }
        authenticate(delivery, accounts.credentials(connectionId), connectionId);
        return notice(parse(delivery.body()))
                .map(notice -> List.of(new ConnectionNotices(connectionId, List.of(notice))))
                .orElse(List.of());
    }

    private static void authenticate(WebhookDelivery delivery, Optional<WebhookAccounts.WebhookCredentials> expected,
                                     long connectionId) {
        String header = delivery.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new WebhookRefusedException(401, "the delivery to connection " + connectionId
                    + " has no Basic Authorization header");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookRefusedException(401, "the Authorization header of the delivery to connection "
                    + connectionId + " is not Basic auth");
        }
        if (expected.isEmpty()) {
            throw new WebhookRefusedException(401, "connection " + connectionId + " has no webhook credentials yet");
        }
        byte[] wanted = (expected.get().user() + ":" + expected.get().password()).getBytes(StandardCharsets.UTF_8);
        // digests first: equal lengths, so the comparison's time says nothing about the secret's length either
        if (!MessageDigest.isEqual(sha256(given), sha256(wanted))) {
            throw new WebhookRefusedException(401, "the Basic auth of the delivery to connection " + connectionId
                    + " is not the one given to Pipedrive");
        }
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefusedException(400, "the body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("meta").isObject()) {
            throw new WebhookRefusedException(400, "the body has no meta object");
        }
        JsonNode meta = root.get("meta");
        String version = meta.path("version").asString("");
        if (!"2.0".equals(version)) {
            throw new WebhookRefusedException(400, "meta.version is " + (version.isEmpty() ? "missing" : version)
                    + " but only webhooks v2 (\"2.0\") are received; the webhook must be registered with version 2.0");
        }
        return meta;
    }

    private static Optional<CrmChangeNotice> notice(JsonNode meta) {
        String entity = required(meta, "entity");
        String action = required(meta, "action");
        String recordId = required(meta, "entity_id");
        ObjectType type = ENTITIES.get(entity);
        if (type == null) {
            return Optional.empty();
        }
        String eventKey = text(meta, "id");
        if (eventKey == null) {
            eventKey = text(meta, "correlation_id");
        }
        if (eventKey == null) {
            throw new WebhookRefusedException(400, "meta has neither id nor correlation_id");
        }
        Instant occurredAt = timestamp(meta);
        String eventId = entity + "/" + recordId + "/" + action + "/" + eventKey + "/" + occurredAt.toEpochMilli();
        return Optional.of(switch (action) {
            case "create", "change" -> CrmChangeNotice.upserted(eventId, type, recordId, occurredAt);
            case "delete" -> {
                String survivor = text(meta, "merged_to_id");
                yield survivor == null ? CrmChangeNotice.deleted(eventId, type, recordId, occurredAt)
                        : CrmChangeNotice.merged(eventId, type, survivor, List.of(recordId), occurredAt);
            }
            default -> throw new WebhookRefusedException(400, "meta.action " + action
                    + " is none of create, change, delete");
        });
    }

    /** {@code meta.timestamp}: epoch seconds (Pipedrive's "10 characters"), epoch milliseconds, or ISO 8601. */
    private static Instant timestamp(JsonNode meta) {
        JsonNode value = meta.path("timestamp");
        try {
            if (value.isNumber() || value.isString() && value.asString().matches("\\d{1,16}")) {
                long number = value.isNumber() ? value.asLong() : Long.parseLong(value.asString());
                return number >= 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
            }
            if (value.isString()) {
                return Instant.parse(value.asString());
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new WebhookRefusedException(400, "meta.timestamp is missing or not a time");
    }

    private static String required(JsonNode meta, String field) {
        String value = text(meta, field);
        if (value == null) {
            throw new WebhookRefusedException(400, "meta." + field + " is missing");
        }
        return value;
    }

    private static @Nullable String text(JsonNode meta, String field) {
        JsonNode value = meta.get(field);
        if (value == null || value.isNull() || !(value.isString() || value.isIntegralNumber())) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
