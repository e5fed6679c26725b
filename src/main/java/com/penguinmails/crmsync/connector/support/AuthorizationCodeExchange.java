package com.penguinmails.crmsync.connector.support;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The two halves of the OAuth 2.0 authorization-code flow with PKCE (RFC 7636, method S256), shared by the CLI's
 * loopback flow and the service's hosted one: the CRM's consent URL, and the exchange of the code it returns (with the
 * code verifier) for tokens, by the Nimbus OAuth SDK.
 */
public final class AuthorizationCodeExchange {

    private AuthorizationCodeExchange() {
    }

    /**
     * The consent URL: {@code response_type=code}, the client id, the redirect URI, the scopes (when any), the state
     * and the S256 challenge of {@code verifier}.
     */
    public static URI authorizationUrl(URI authorizationEndpoint, String clientId, URI redirectUri,
                                       @Nullable String scope, State state, CodeVerifier verifier) {
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                new ClientID(clientId))
                .endpointURI(authorizationEndpoint)
                .redirectionURI(redirectUri)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (scope != null && !scope.isBlank()) {
            request.scope(Scope.parse(scope));
        }
        return request.build().toURI();
    }

    /**
     * Exchanges an authorization code for tokens at the CRM's token endpoint, proving the authorisation with
     * {@code verifier}.
     *
     * @throws CrmUnavailableException AUTH_REVOKED when the CRM refuses the code (unknown, used, expired, another
     *                                 redirect URI, a verifier that does not match), CRM_DOWN when it cannot be reached
     */
    public static TokenGrant exchange(OAuthEndpoint endpoint, String clientId, String clientSecret, String code,
                                      URI redirectUri, CodeVerifier verifier, Clock clock) {
        ClientID id = new ClientID(clientId);
        ClientAuthentication auth = endpoint.clientAuthentication() == OAuthEndpoint.ClientAuthentication.BASIC
                ? new ClientSecretBasic(id, new Secret(clientSecret)) : new ClientSecretPost(id, new Secret(clientSecret));
        TokenRequest request = new TokenRequest(endpoint.tokenUri(), auth,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier), null);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(30_000);
        TokenResponse response;
        try {
            response = TokenResponse.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                    "the token endpoint " + endpoint.tokenUri() + " failed: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, "the CRM refused the "
                    + "authorization code (" + (error == null || error.getCode() == null ? "unknown error"
                    : error.getCode()) + ")");
        }
        return TokenGrant.of(response.toSuccessResponse(), endpoint, clientId, clientSecret, null, null, null, clock);
    }
}
