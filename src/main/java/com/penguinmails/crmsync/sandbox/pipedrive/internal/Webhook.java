package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One webhook of the sandbox company, as {@code POST /api/v1/webhooks} made it, with its delivery record: the last
 * delivery's time and HTTP status, the failed first attempts in a row (ten ban it for 30 minutes), and the last
 * success (three days without one delete it). Every method is synchronized: deliveries run on many threads.
 */
public final class Webhook {

    /** First attempts failed in a row that ban a webhook. */
    static final int BAN_AFTER_FAILED_FIRST_ATTEMPTS = 10;
    static final Duration BAN = Duration.ofMinutes(30);
    /** Without a successful delivery for this long, Pipedrive deletes the webhook. */
    static final Duration DELETE_AFTER_FAILING = Duration.ofDays(3);

    private final long id;
    private final long userId;
    private final String subscriptionUrl;
    private final String eventAction;
    private final String eventObject;
    private final String version;
    private final @Nullable String httpAuthUser;
    private final @Nullable String httpAuthPassword;
    private final String name;
    private final Instant addTime;
    private @Nullable Instant lastDeliveryTime;
    private @Nullable Integer lastHttpStatus;
    private Instant lastSuccessOrCreation;
    private int failedFirstAttempts;
    private @Nullable Instant bannedUntil;
    private boolean deleted;

    Webhook(long id, long userId, String subscriptionUrl, String eventAction, String eventObject, String version,
            @Nullable String httpAuthUser, @Nullable String httpAuthPassword, String name, Instant addTime) {
        this.id = id;
        this.userId = userId;
        this.subscriptionUrl = subscriptionUrl;
        this.eventAction = eventAction;
        this.eventObject = eventObject;
        this.version = version;
        this.httpAuthUser = httpAuthUser;
        this.httpAuthPassword = httpAuthPassword;
        this.name = name;
        this.addTime = addTime;
        this.lastSuccessOrCreation = addTime;
    }

    public long id() {
        return id;
    }

    long userId() {
        return userId;
    }

    String subscriptionUrl() {
        return subscriptionUrl;
    }

    String version() {
        return version;
    }

    @Nullable String httpAuthUser() {
        return httpAuthUser;
    }

    @Nullable String httpAuthPassword() {
        return httpAuthPassword;
    }

    /** Whether an event of this action on this object triggers the webhook ({@code *} matches any). */
    boolean matches(String action, String object) {
        return (eventAction.equals("*") || eventAction.equals(action))
                && (eventObject.equals("*") || eventObject.equals(object));
    }

    synchronized boolean deleted() {
        return deleted;
    }

    synchronized void delete() {
        deleted = true;
    }

    synchronized boolean banned(Instant now) {
        return bannedUntil != null && now.isBefore(bannedUntil);
    }

    /** Records a delivery attempt's outcome; status 0 when no HTTP answer came. */
    synchronized void delivered(Instant now, int status, boolean success, boolean firstAttempt) {
        lastDeliveryTime = now;
        lastHttpStatus = status;
        if (success) {
            lastSuccessOrCreation = now;
            if (firstAttempt) {
                failedFirstAttempts = 0;
            }
            return;
        }
        if (firstAttempt && ++failedFirstAttempts >= BAN_AFTER_FAILED_FIRST_ATTEMPTS) {
            bannedUntil = now.plus(BAN);
            failedFirstAttempts = 0;
        }
        if (!now.isBefore(lastSuccessOrCreation.plus(DELETE_AFTER_FAILING))) {
            deleted = true;
        }
    }

    /** The webhook as {@code GET /api/v1/webhooks} shows it. */
    synchronized Map<String, @Nullable Object> view(Instant now) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("company_id", AccountData.COMPANY_ID);
        json.put("owner_id", userId);
        json.put("user_id", userId);
        json.put("event_action", eventAction);
        json.put("event_object", eventObject);
        json.put("subscription_url", subscriptionUrl);
        json.put("version", version);
        json.put("name", name);
        json.put("is_active", banned(now) ? 0 : 1);
        json.put("add_time", Rfc3339.formatV1(addTime));
        json.put("remove_time", null);
        json.put("type", "general");
        json.put("http_auth_user", httpAuthUser);
        json.put("http_auth_password", httpAuthPassword);
        json.put("additional_data", Map.of());
        json.put("remove_reason", null);
        json.put("last_delivery_time", lastDeliveryTime == null ? null : Rfc3339.formatV1(lastDeliveryTime));
        json.put("last_http_status", lastHttpStatus);
        json.put("admin_id", AccountData.USER_IDS.get(0));
        return json;
    }
}
