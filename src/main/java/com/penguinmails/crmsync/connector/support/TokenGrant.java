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
 * names it (read by the endpoint's {@link TokenAnswer}).
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
        String instance = endpoint.answer().instanceUrl(custom);
        Credential.OAuth credential = new Credential.OAuth(tokens.getAccessToken().getValue(),
                tokens.getRefreshToken() != null ? tokens.getRefreshToken().getValue() : previousRefreshToken,
                expiresAt, instance != null ? instance : previousInstanceUrl, clientId, clientSecret,
                tokens.getAccessToken().getScope() != null ? tokens.getAccessToken().getScope().toString()
                        : previousScope);
        return new TokenGrant(credential, endpoint.answer().account(custom));
    }
}
