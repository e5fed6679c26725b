package com.penguinmails.crmsync.credentials;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The secrets of one connection. {@link #toString()} never shows them: a credential may end up in a log line or an
 * exception message by accident, and then it shows only its kind.
 */
public sealed interface Credential {

    /** The {@code crm_sync.credentials.kind} of this credential. */
    String kind();

    /**
     * OAuth 2.0 tokens and the client they were issued to.
     *
     * @param expiresAt   when the access token expires
     * @param instanceUrl where API calls go (Salesforce {@code instance_url}, Pipedrive {@code api_domain})
     */
    record OAuth(String accessToken, @Nullable String refreshToken, @Nullable Instant expiresAt,
                 @Nullable String instanceUrl, String clientId, String clientSecret, @Nullable String scope)
            implements Credential {

        @Override
        public String kind() {
            return "oauth2";
        }

        /** Whether the access token expires within {@code margin} of {@code now}. */
        public boolean expiresWithin(java.time.Duration margin, Instant now) {
            return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "OAuth[client " + clientId + ", expires " + expiresAt + ", secrets redacted]";
        }
    }

    /** A static API token (Pipedrive API token, HubSpot private-app token). */
    record ApiToken(String token) implements Credential {

        @Override
        public String kind() {
            return "api_token";
        }

        @Override
        public String toString() {
            return "ApiToken[redacted]";
        }
    }
}
