package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The webhooks of the sandbox company, by id: at most 40 per user, as Pipedrive allows. A webhook deleted (by its
 * owner, or by Pipedrive after three days of failed deliveries) leaves the list.
 */
public final class WebhookRegistry {

    /** Pipedrive's limit. */
    static final int MAX_PER_USER = 40;

    private final ConcurrentSkipListMap<Long, Webhook> webhooks = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** A new webhook; refused when its user has 40 already. */
    synchronized Webhook add(long userId, String subscriptionUrl, String eventAction, String eventObject,
                             String version, @Nullable String httpAuthUser, @Nullable String httpAuthPassword,
                             String name, Instant now) {
        if (live().stream().filter(w -> w.userId() == userId).count() >= MAX_PER_USER) {
            throw ApiError.badRequest("Webhooks limit reached: a user can have at most " + MAX_PER_USER
                    + " webhooks");
        }
        Webhook webhook = new Webhook(nextId.getAndIncrement(), userId, subscriptionUrl, eventAction, eventObject,
                version, httpAuthUser, httpAuthPassword, name, now);
        webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    /** The webhooks not deleted, in id order. */
    public List<Webhook> live() {
        webhooks.values().removeIf(Webhook::deleted);
        return List.copyOf(webhooks.values());
    }

    public Optional<Webhook> find(long id) {
        return Optional.ofNullable(webhooks.get(id)).filter(w -> !w.deleted());
    }

    /** Deletes a webhook; whether there was one. */
    public boolean delete(long id) {
        Webhook webhook = webhooks.remove(id);
        if (webhook == null || webhook.deleted()) {
            return false;
        }
        webhook.delete();
        return true;
    }

    /** The webhooks an event of {@code action} on {@code object} triggers. */
    List<Webhook> triggered(String action, String object) {
        return live().stream().filter(w -> w.matches(action, object)).toList();
    }

    public void clear() {
        webhooks.values().forEach(Webhook::delete);
        webhooks.clear();
        nextId.set(1);
    }
}
