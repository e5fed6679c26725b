package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling: the company's API token in the {@code x-api-token} header or the {@code api_token} query
 * parameter, or an OAuth access token as {@code Authorization: Bearer}. Anything else is Pipedrive's 401.
 */
public final class Authenticator {

    private final String apiToken;
    private final OAuthGrants grants;
    private final SandboxClock clock;

    public Authenticator(String apiToken, OAuthGrants grants, SandboxClock clock) {
        this.apiToken = apiToken;
        this.grants = grants;
        this.clock = clock;
    }

    /** The caller, or empty for a missing, unknown or expired credential. */
    public Optional<Caller> authenticate(SandboxRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                return Optional.empty();
            }
            String token = value.substring("bearer ".length()).strip();
            return grants.grantOf(token, clock.instant())
                    .map(grant -> new Caller("oauth:" + grant, true, AccountData.USER_IDS.get(0)));
        }
        Optional<String> token = request.header("x-api-token").or(() -> request.queryParam("api_token"));
        return token.filter(apiToken::equals)
                .map(t -> new Caller("api:" + t, false, AccountData.USER_IDS.get(0)));
    }
}
