package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/webhooks} (validated like Pipedrive: a full http(s) URL that is not Pipedrive's API, one of the
 * event actions and objects, version 1.0 or 2.0 (2.0 by default since 17 March 2025), an existing user), {@code GET}
 * (every webhook, with its last delivery time and HTTP status, {@code is_active} 0 while banned) and
 * {@code DELETE /api/v1/webhooks/{id}}. Pipedrive has no v2 webhooks endpoints.
 */
public final class WebhookHandlers {

    static final Set<String> ACTIONS = Set.of("create", "change", "delete", "*");
    static final Set<String> OBJECTS = Set.of("activity", "deal", "lead", "note", "organization", "person",
            "pipeline", "product", "stage", "user", "*");

    private final WebhookRegistry registry;
    private final AccountData data;
    private final SandboxClock clock;

    public WebhookHandlers(WebhookRegistry registry, AccountData data, SandboxClock clock) {
        this.registry = registry;
        this.data = data;
        this.clock = clock;
    }

    public SandboxResponse add(SandboxRequest request, Caller caller) {
        JsonNode body = RecordValidator.parseObject(request.body());
        String url = required(body, "subscription_url");
        requireUrl(url);
        String action = oneOf(body, "event_action", ACTIONS);
        String object = oneOf(body, "event_object", OBJECTS);
        String version = text(body, "version");
        if (version == null) {
            version = "2.0";
        } else if (!version.equals("1.0") && !version.equals("2.0")) {
            throw ApiError.badRequest("Invalid version: must be 1.0 or 2.0");
        }
        long userId = body.path("user_id").isIntegralNumber() ? body.get("user_id").asLong() : caller.userId();
        if (!data.userExists(userId)) {
            throw ApiError.badRequest("Invalid user_id: no such user");
        }
        String name = text(body, "name");
        Webhook webhook = registry.add(userId, url, action, object, version, text(body, "http_auth_user"),
                text(body, "http_auth_password"), name == null ? action + "." + object : name, now());
        return SandboxResponse.json(201, envelope(webhook.view(clock.instant())));
    }

    public SandboxResponse list(SandboxRequest request, Caller caller) {
        Instant now = clock.instant();
        return SandboxResponse.json(200, envelope(registry.live().stream().map(w -> w.view(now)).toList()));
    }

    public SandboxResponse delete(SandboxRequest request, Caller caller) {
        long id = EntityHandlers.id(request);
        if (!registry.delete(id)) {
            throw ApiError.notFound("Webhook not found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("success", true);
        return SandboxResponse.json(200, body);
    }

    private Instant now() {
        return data.now();
    }

    private static Map<String, @Nullable Object> envelope(Object data) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("success", true);
        body.put("data", data);
        return body;
    }

    private static void requireUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw ApiError.badRequest("Invalid subscription_url: must be a full http(s) URL");
            }
            if (uri.getHost().endsWith("pipedrive.com") && uri.getPath() != null && uri.getPath().startsWith("/api")) {
                throw ApiError.badRequest("Invalid subscription_url: Pipedrive API endpoints cannot be used");
            }
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("Invalid subscription_url: must be a full http(s) URL");
        }
    }

    private static String oneOf(JsonNode body, String field, Set<String> allowed) {
        String value = required(body, field);
        if (!allowed.contains(value)) {
            throw ApiError.badRequest("Invalid " + field + ": must be one of " + List.copyOf(new java.util.TreeSet<>(
                    allowed)));
        }
        return value;
    }

    private static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw ApiError.badRequest("Missing required parameter: " + field);
        }
        return value;
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asString("").isBlank() ? null : value.asString();
    }
}
