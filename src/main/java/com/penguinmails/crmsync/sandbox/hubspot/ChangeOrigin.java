package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Who is changing the portal on this thread, as HubSpot's webhook events tell it ({@code changeSource},
 * {@code sourceId}): an app's token through the API ({@code INTEGRATION} and the app's id) or a user in HubSpot's own
 * screens ({@code CRM_UI}, {@code userId:N}). Bound by {@link ApiGate} around each API request and by the sandbox's
 * user actions; a change made with none bound (seeding, reset) announces nothing.
 */
record ChangeOrigin(String changeSource, String sourceId) {

    /** The sandbox's one HubSpot user acting in the CRM's screens. */
    static final ChangeOrigin USER_INTERFACE = new ChangeOrigin("CRM_UI", "userId:1");

    private static final ThreadLocal<@Nullable ChangeOrigin> CURRENT = new ThreadLocal<>();

    /** An API request made with {@code caller}'s token: its app is the source. */
    static ChangeOrigin of(Caller caller) {
        return new ChangeOrigin("INTEGRATION", Long.toString(caller.oauthApp() ? TokenStore.APP_ID
                : TokenStore.PRIVATE_APP_ID));
    }

    /** Runs {@code action} with this origin bound to the thread. */
    <T> T during(Callable<T> action) throws Exception {
        ChangeOrigin outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The origin bound to this thread, or null outside API requests and user actions. */
    static @Nullable ChangeOrigin current() {
        return CURRENT.get();
    }
}
