package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.Credential;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The secrets {@code connections add} and {@code set-credentials} take: an API token, or OAuth client id, secret and
 * refresh token (one or the other). A secret option given without a value is asked for without echo.
 */
final class ConnectionSecretOptions {

    @Option(names = "--api-token", arity = "0..1", interactive = true, paramLabel = "TOKEN",
            description = "A static API token (Pipedrive API token, HubSpot private-app token).")
    @Nullable String apiToken;

    @ArgGroup(exclusive = false)
    @Nullable OAuthTokens oauth;

    /** The OAuth 2.0 half. */
    static final class OAuthTokens {
        @Option(names = "--client-id", required = true, paramLabel = "ID", description = "OAuth client id.")
        String clientId;

        @Option(names = "--client-secret", required = true, arity = "0..1", interactive = true,
                paramLabel = "SECRET", description = "OAuth client secret.")
        String clientSecret;

        @Option(names = "--refresh-token", required = true, arity = "0..1", interactive = true,
                paramLabel = "TOKEN", description = "OAuth refresh token.")
        String refreshToken;

        @Option(names = "--access-token", arity = "0..1", interactive = true, paramLabel = "TOKEN",
                description = "A current access token (optional: one is fetched with the refresh token).")
        @Nullable String accessToken;
    }

    /** Whether these are OAuth tokens (else an API token). */
    boolean oauth() {
        return apiToken == null;
    }

    /** The credential the options give; {@code baseUrl} is the OAuth instance URL until a refresh names one. */
    Credential credential(@Nullable String baseUrl) {
        if (apiToken != null) {
            return new Credential.ApiToken(nonBlank(apiToken, "--api-token"));
        }
        OAuthTokens o = Objects.requireNonNull(oauth);
        return new Credential.OAuth(o.accessToken == null ? "" : o.accessToken,
                nonBlank(o.refreshToken, "--refresh-token"), null, baseUrl,
                nonBlank(o.clientId, "--client-id"), nonBlank(o.clientSecret, "--client-secret"), null);
    }

    /** @throws InvalidRequestException naming the option when the value is empty */
    static String nonBlank(@Nullable String value, String option) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(option + " is empty");
        }
        return value.strip();
    }
}
