package com.penguinmails.crmsync.connector.support;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.penguinmails.crmsync.credentials.Credential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a CRM's token endpoint granted: the tokens as a credential, and the CRM account they open when the response
 * names it (Salesforce's identity URL {@code id} ends {@code /id/<org id>/<user id>}; HubSpot answers {@code hub_id};
 * Pipedrive names none).
 *
 * @param account the account id the response names, if any
 */
public record TokenGrant(Credential.OAuth credential, @Nullable String account) {

    /**
     * Reads a successful token response. A response without a refresh token (Salesforce without rotation, HubSpot
     * sometimes) keeps {@code previousRefreshToken}; one without an instance URL keeps {@code previousInstanceUrl}.
     */
    static TokenGrant of(AccessTokenResponse success, OAuthEndpoint endpoint, String clientId, String clientSecret,
                         @Nullable String previousRefreshToken, @Nullable String previousInstanceUrl,
                         @Nullable String previousScope, Clock clock) {
        Tokens tokens = success.getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Instant expiresAt = clock.instant().plus(lifetime > 0 ? Duration.ofSeconds(lifetime)
                : endpoint.assumedLifetime());
        Map<String, Object> custom = success.getCustomParameters();
        Object instance = custom.getOrDefault("instance_url", custom.get("api_domain"));
        Credential.OAuth credential = new Credential.OAuth(tokens.getAccessToken().getValue(),
                tokens.getRefreshToken() != null ? tokens.getRefreshToken().getValue() : previousRefreshToken,
                expiresAt, instance != null ? instance.toString() : previousInstanceUrl, clientId, clientSecret,
                tokens.getAccessToken().getScope() != null ? tokens.getAccessToken().getScope().toString()
                        : previousScope);
        return new TokenGrant(credential, account(custom));
    }

    private static @Nullable String account(Map<String, Object> custom) {
        Object hubId = custom.get("hub_id");
        if (hubId != null) {
            return hubId.toString();
        }
        Object identity = custom.get("id");
        if (identity != null) {
            String[] path = identity.toString().split("/");
            for (int i = 0; i + 1 < path.length; i++) {
                if (path[i].equals("id")) {
                    return path[i + 1];
                }
            }
        }
        return null;
    }
}
