package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmKind;
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
 * Salesforce's org id (the token response's identity URL), HubSpot's hub id (the token response's {@code hub_id}, or
 * {@code GET /account-info/v3/details} for a private-app token) and Pipedrive's company ({@code GET /api/v1/users/me}).
 * An OAuth credential is checked by refreshing it: the refreshed tokens are what is stored afterwards, since a CRM
 * that rotates refresh tokens no longer accepts the one given.
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
        CrmKind crm = context.connection().crm();
        if (candidate instanceof Credential.OAuth oauth) {
            return identify(context, refresh(context, oauth, crm));
        }
        String token = ((Credential.ApiToken) candidate).token();
        return switch (crm) {
            case SALESFORCE -> throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                    context.name() + ": Salesforce connects only by OAuth 2.0");
            case HUBSPOT -> {
                JsonNode details = get(context, URI.create(base(context, "https://api.hubapi.com")
                        + "/account-info/v3/details"), "Authorization", "Bearer " + token);
                yield identified(candidate, text(details, "portalId"), context);
            }
            case PIPEDRIVE -> pipedrive(context, candidate, null, "x-api-token", token);
        };
    }

    /**
     * The account tokens just granted (by a browser authorisation) open: named by the grant itself (Salesforce,
     * HubSpot), or asked of the CRM with them (Pipedrive).
     *
     * @throws CrmUnavailableException when the CRM refuses the tokens or cannot be reached
     */
    public Identified identify(ConnectionContext context, TokenGrant grant) {
        return switch (context.connection().crm()) {
            case SALESFORCE, HUBSPOT -> identified(grant.credential(), grant.account(), context);
            case PIPEDRIVE -> pipedrive(context, grant.credential(), grant.credential().instanceUrl(),
                    "Authorization", "Bearer " + grant.credential().accessToken());
        };
    }

    private TokenGrant refresh(ConnectionContext context, Credential.OAuth oauth, CrmKind crm) {
        try {
            return OAuthAccessTokens.requestRefresh(connectors.provider(crm).oauthEndpoint(context), oauth,
                    context.name(), Clock.systemUTC());
        } catch (CrmApiException.Transient e) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, e.getMessage(), e);
        }
    }

    private Identified pipedrive(ConnectionContext context, Credential credential, @Nullable String apiDomain,
                                 String header, String value) {
        String root = apiDomain != null ? apiDomain : base(context, "https://api.pipedrive.com");
        root = root.replaceAll("/api/v[12]$", "");
        JsonNode data = get(context, URI.create(root + "/api/v1/users/me"), header, value).path("data");
        String companyId = text(data, "company_id");
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(companyId);
        String domain = text(data, "company_domain");
        if (domain != null) {
            aliases.add(domain);
            aliases.add(domain + ".pipedrive.com");
        }
        if (companyId == null) {
            throw unanswered(context);
        }
        return new Identified(credential, domain != null ? domain : companyId, Set.copyOf(aliases));
    }

    private static Identified identified(Credential credential, @Nullable String account, ConnectionContext context) {
        if (account == null || account.isBlank()) {
            throw unanswered(context);
        }
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(account);
        if (account.length() == 18 && account.startsWith("00D")) {
            aliases.add(account.substring(0, 15)); // a Salesforce org id, case-sensitive 15 or case-safe 18 chars
        }
        return new Identified(credential, account, Set.copyOf(aliases));
    }

    private JsonNode get(ConnectionContext context, URI uri, String header, String value) {
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

    private static String base(ConnectionContext context, String fallback) {
        return context.baseUrl().orElse(fallback).replaceAll("/+$", "");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString().strip();
    }

    private static CrmUnavailableException unanswered(ConnectionContext context) {
        return new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                context.name() + ": the CRM did not say which account the credentials belong to");
    }
}
