package com.penguinmails.crmsync.connector.support;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * OAuth 2.0 access tokens of one connection: refreshed (with the Nimbus OAuth SDK) a minute before they expire and
 * after the CRM rejects one. The refresh runs with the connection's credential row locked, so two threads or two pods
 * refreshing at once make one request, and a rotated refresh token is saved with its access token in a transaction of
 * its own that commits as soon as the CRM has answered, never with the caller's chunk: the old one, which the CRM no
 * longer accepts, is never used again, and a chunk that rolls back or a process killed afterwards does not lose the
 * new one.
 */
public final class OAuthAccessTokens implements AccessTokens {

    static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

    private final long connectionId;
    private final String connectionName;
    private final OAuthEndpoint endpoint;
    private final CredentialStore store;
    private final Clock clock;
    private final AtomicReference<Credential.OAuth> latest;
    private final Consumer<String> refreshOutcomes;

    /** Tokens whose refreshes are not counted (tests and tools). */
    public OAuthAccessTokens(long connectionId, String connectionName, OAuthEndpoint endpoint, CredentialStore store,
                             Clock clock, Credential.OAuth initial) {
        this(connectionId, connectionName, endpoint, store, clock, initial, outcome -> { });
    }

    /**
     * @param refreshOutcomes told each refresh grant's outcome: {@code refreshed}, {@code revoked} (the CRM refused
     *                        the refresh token: the connection needs authorising again) or {@code failed}
     */
    public OAuthAccessTokens(long connectionId, String connectionName, OAuthEndpoint endpoint, CredentialStore store,
                             Clock clock, Credential.OAuth initial, Consumer<String> refreshOutcomes) {
        this.refreshOutcomes = refreshOutcomes;
        this.connectionId = connectionId;
        this.connectionName = connectionName;
        this.endpoint = endpoint;
        this.store = store;
        this.clock = clock;
        this.latest = new AtomicReference<>(initial);
    }

    @Override
    public String current() {
        Credential.OAuth credential = latest.get();
        if (credential.accessToken().isEmpty() || credential.expiresWithin(EARLY_REFRESH, clock.instant())) {
            return refresh(credential.accessToken());
        }
        return credential.accessToken();
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        return refresh(rejected);
    }

    @Override
    public Optional<String> instanceUrl() {
        return Optional.ofNullable(latest.get().instanceUrl());
    }

    private synchronized String refresh(String stale) {
        Credential.OAuth known = latest.get();
        if (!known.accessToken().equals(stale) && !known.expiresWithin(EARLY_REFRESH, clock.instant())) {
            return known.accessToken(); // another thread of this process refreshed already
        }
        Credential refreshed = store.updateLocked(connectionId, stored -> {
            if (!(stored instanceof Credential.OAuth current)) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                        connectionName + " has no OAuth credentials");
            }
            if (!current.accessToken().equals(stale) && !current.accessToken().isEmpty()
                    && !current.expiresWithin(EARLY_REFRESH, clock.instant())) {
                return current; // another process refreshed already: use its token
            }
            return counted(() -> requestRefresh(endpoint, current, connectionName, clock).credential());
        });
        Credential.OAuth oauth = (Credential.OAuth) refreshed;
        latest.set(oauth);
        return oauth.accessToken();
    }

    private Credential counted(java.util.function.Supplier<Credential> grant) {
        try {
            Credential credential = grant.get();
            refreshOutcomes.accept("refreshed");
            return credential;
        } catch (CrmUnavailableException e) {
            refreshOutcomes.accept(e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED ? "revoked" : "failed");
            throw e;
        } catch (RuntimeException e) {
            refreshOutcomes.accept("failed");
            throw e;
        }
    }

    /**
     * One refresh-token grant at the CRM's token endpoint, nothing stored.
     *
     * @throws CrmUnavailableException when the CRM refuses the refresh token or the client
     * @throws CrmApiException.Transient when the endpoint fails or cannot be reached
     */
    static TokenGrant requestRefresh(OAuthEndpoint endpoint, Credential.OAuth current, String connectionName,
                                     Clock clock) {
        if (current.refreshToken() == null) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                    connectionName + " has no refresh token; run 'connections reauthorize' or "
                            + "'connections set-credentials' for it");
        }
        ClientID clientId = new ClientID(current.clientId());
        Secret secret = new Secret(current.clientSecret());
        ClientAuthentication auth = endpoint.clientAuthentication() == OAuthEndpoint.ClientAuthentication.BASIC
                ? new ClientSecretBasic(clientId, secret) : new ClientSecretPost(clientId, secret);
        TokenRequest request = new TokenRequest(endpoint.tokenUri(), auth,
                new RefreshTokenGrant(new RefreshToken(current.refreshToken())), null);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(30_000);
        TokenResponse response;
        int status;
        try {
            HTTPResponse httpResponse = http.send();
            status = httpResponse.getStatusCode();
            if (status >= 500 || status == 429) {
                throw new CrmApiException.Transient(connectionName + ": token endpoint answered HTTP " + status);
            }
            try {
                response = TokenResponse.parse(httpResponse);
            } catch (ParseException e) {
                if (status == 400 || status == 401) {
                    // a refusal in the vendor's own words (HubSpot: {"status":"BAD_REFRESH_TOKEN", ...})
                    throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, connectionName
                            + ": the CRM refused its refresh token (HTTP " + status + "); run "
                            + "'connections reauthorize' for it");
                }
                throw e;
            }
        } catch (IOException e) {
            throw new CrmApiException.Transient(connectionName + ": token endpoint unreachable: "
                    + NetworkFailures.describe(e, null), e);
        } catch (ParseException e) {
            throw new CrmApiException.Transient(connectionName + ": token endpoint answered a malformed response: "
                    + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String code = error == null || error.getCode() == null ? "HTTP " + status : error.getCode();
            boolean vendorWorded = (error == null || error.getCode() == null) && (status == 400 || status == 401);
            if (vendorWorded || "invalid_grant".equals(code) || "invalid_client".equals(code)
                    || "unauthorized_client".equals(code)) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, connectionName
                        + ": the CRM refused its refresh token (" + code + "); run 'connections reauthorize' for it");
            }
            throw new CrmApiException.Transient(connectionName + ": token refresh failed (" + code + ")");
        }
        return TokenGrant.of(response.toSuccessResponse(), endpoint, current.clientId(), current.clientSecret(),
                current.refreshToken(), current.instanceUrl(), current.scope(), clock);
    }
}
