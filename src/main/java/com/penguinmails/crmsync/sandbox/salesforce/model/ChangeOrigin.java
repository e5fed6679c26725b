package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which API made the writes of the current request, as Change Data Capture's {@code changeOrigin} names it:
 * {@code com/salesforce/api/<soap|rest|bulkapi>/<version>;client=<id>}, the client id being what the request sent in
 * {@code Sforce-Call-Options: client=<id>} (REST, Bulk API) or in SOAP's {@code CallOptions.client}. The API handlers
 * run their store calls {@link #during} their origin; writes made outside any (seeding, the control endpoints) have
 * an empty origin, as user-interface changes do.
 *
 * @param api     {@code soap}, {@code rest} or {@code bulkapi}
 * @param version the API version of the call, e.g. {@code 64.0}
 * @param client  the caller's client id, if it sent one
 */
public record ChangeOrigin(String api, String version, @Nullable String client) {

    private static final ThreadLocal<@Nullable ChangeOrigin> CURRENT = new ThreadLocal<>();

    /** The origin of {@code Sforce-Call-Options} header text ({@code client=<id>[, defaultNamespace=<ns>]}). */
    public static ChangeOrigin ofCallOptions(String api, String version, @Nullable String callOptions) {
        String client = null;
        if (callOptions != null) {
            for (String part : callOptions.split(",")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("client") && !pair[1].isBlank()) {
                    client = pair[1].trim();
                }
            }
        }
        return new ChangeOrigin(api, version, client);
    }

    /** Runs {@code action} with this origin as the current thread's. */
    public <T> T during(Supplier<T> action) {
        try {
            return call(action::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** As {@link #during}, for an action that may throw (a request handler). */
    public <T> T call(java.util.concurrent.Callable<T> action) throws Exception {
        ChangeOrigin outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The {@code changeOrigin} of writes on this thread now: empty outside an API call. */
    static String current() {
        ChangeOrigin origin = CURRENT.get();
        return origin == null ? "" : origin.toString();
    }

    @Override
    public String toString() {
        return "com/salesforce/api/" + api + "/" + version + (client == null ? "" : ";client=" + client);
    }
}
