package com.penguinmails.crmsync.connector.support;

import java.util.Optional;

/** The access token of one connection, kept valid. Thread-safe. */
public interface AccessTokens {

    /** A token to call the CRM with now (refreshed first when it expires soon). */
    String current();

    /**
     * The CRM rejected {@code rejected}: returns a fresh token. Many threads rejected at once cause one refresh; a
     * thread whose token was already replaced gets the new one without refreshing again.
     *
     * @throws CrmUnavailableException when the connection's authorisation is gone (refresh token revoked)
     */
    String refreshAfterRejection(String rejected);

    /** Where the last token response says API calls go, as its CRM's {@link TokenAnswer} read it. */
    Optional<String> instanceUrl();

    /** A static token (API token, private-app token): never refreshed; a rejection means it was revoked. */
    static AccessTokens fixed(String token, String connectionName) {
        return new AccessTokens() {
            @Override
            public String current() {
                return token;
            }

            @Override
            public String refreshAfterRejection(String rejected) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                        connectionName + ": the CRM rejected its API token; give it a new one with "
                                + "'connections set-credentials'");
            }

            @Override
            public Optional<String> instanceUrl() {
                return Optional.empty();
            }
        };
    }
}
