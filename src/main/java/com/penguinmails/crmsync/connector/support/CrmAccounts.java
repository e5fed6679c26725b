package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.credentials.Credential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which CRM account a connection's new credentials open, asked of the CRM itself before they replace the old ones:
 * what to ask is the CRM's provider's ({@link CrmConnectorProvider#identify}); this class gives it the calls (an
 * authorised {@code GET}) and the answer's shape. An OAuth credential is checked by refreshing it: the refreshed
 * tokens are what is stored afterwards, since a CRM that rotates refresh tokens no longer accepts the one given.
 */
@Component
public class CrmAccounts {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connectors connectors;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public CrmAccounts(Connectors connectors) {
        this.connectors = connectors;
    }

    /**
     * The account a credential opens, and the credential to store (refreshed when it is OAuth).
     *
     * @param id      the account id to record
     * @param aliases every spelling of the account that names it (Salesforce's 15- and 18-character org ids,
     *                Pipedrive's company id and domain)
     */
    public record Identified(Credential credential, String id, Set<String> aliases) {

        /** Whether {@code recorded} (a connection's account) names this account. */
        public boolean is(String recorded) {
            String wanted = recorded.strip();
            return aliases.stream().anyMatch(alias -> alias.equals(wanted)
                    || alias.length() == 18 && wanted.length() == 15 && alias.startsWith(wanted));
        }
    }

    /**
     * Asks the CRM which account {@code candidate} opens for {@code context}'s connection (its settings give the
     * base URL).
     *
     * @throws CrmUnavailableException when the CRM refuses the credentials or cannot be reached
     */
    public Identified identify(ConnectionContext context, Credential candidate) {
        CrmConnectorProvider provider = connectors.provider(context.connection().crm());
        if (candidate instanceof Credential.OAuth oauth) {
            return identify(context, refresh(context, oauth, provider));
        }
        return provider.identify(context, (Credential.ApiToken) candidate, this);
    }

    /**
     * The account tokens just granted (by a browser authorisation) open: named by the grant itself, or asked of the
     * CRM with them, as its provider knows.
     *
     * @throws CrmUnavailableException when the CRM refuses the tokens or cannot be reached
     */
    public Identified identify(ConnectionContext context, TokenGrant grant) {
        return connectors.provider(context.connection().crm()).identify(context, grant, this);
    }

    private TokenGrant refresh(ConnectionContext context, Credential.OAuth oauth, CrmConnectorProvider provider) {
        try {
            return OAuthAccessTokens.requestRefresh(provider.oauthEndpoint(context), oauth, context.name(),
                    Clock.systemUTC());
        } catch (CrmApiException.Transient e) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, e.getMessage(), e);
        }
    }

    /**
     * The account {@code account} (as a CRM named it), known by that spelling and {@code otherSpellings}.
     *
     * @throws CrmUnavailableException when {@code account} is missing or blank
     */
    public static Identified named(Credential credential, @Nullable String account, ConnectionContext context,
                                   String... otherSpellings) {
        if (account == null || account.isBlank()) {
            throw unanswered(context);
        }
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(account);
        aliases.addAll(java.util.Arrays.asList(otherSpellings));
        return new Identified(credential, account, Set.copyOf(aliases));
    }

    /**
     * The JSON a {@code GET} of {@code uri} answers, sent with one authorisation header.
     *
     * @throws CrmUnavailableException when the CRM refuses the credentials (401, 403), answers another error or
     *                                 cannot be reached
     */
    public JsonNode get(ConnectionContext context, URI uri, String header, String value) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(header, value)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                    context.name() + ": " + uri.getHost() + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                    context.name() + ": interrupted", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, context.name()
                    + ": the CRM refused the new credentials (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, context.name() + ": "
                    + uri.getPath() + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** The connection's {@code baseUrl} setting, else {@code fallback}, without trailing slashes. */
    public static String base(ConnectionContext context, String fallback) {
        return context.baseUrl().orElse(fallback).replaceAll("/+$", "");
    }

    /** The trimmed text of {@code field}, or null when it is missing, null or blank. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString().strip();
    }

    /** The CRM answered, but not which account the credentials belong to. */
    public static CrmUnavailableException unanswered(ConnectionContext context) {
        return new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                context.name() + ": the CRM did not say which account the credentials belong to");
    }
}
