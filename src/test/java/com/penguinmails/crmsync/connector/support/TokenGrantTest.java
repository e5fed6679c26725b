package com.penguinmails.crmsync.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.Credential;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Token responses read into credentials and the CRM account they name, as each CRM's provider reads them; a new
 * account is known by any of its spellings.
 */
class TokenGrantTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static TokenGrant grant(CrmConnectorProvider provider, String json) throws Exception {
        var context = new ConnectionContext(new Connection(1, "acme", provider.kind(), null,
                Connection.Status.ACTIVE, null, Map.of("baseUrl", "https://login.example"), CLOCK.instant()));
        return TokenGrant.of(AccessTokenResponse.parse(JSONObjectUtils.parse(json)), provider.oauthEndpoint(context),
                "client", "secret", "old-refresh", "https://old.example", "old scope", CLOCK);
    }

    @Test
    void aPlainEndpointReadsNeitherAnInstanceUrlNorAnAccount() throws Exception {
        var endpoint = new OAuthEndpoint(URI.create("https://login.example/token"),
                OAuthEndpoint.ClientAuthentication.FORM, Duration.ofHours(2));
        TokenGrant grant = TokenGrant.of(AccessTokenResponse.parse(JSONObjectUtils.parse("""
                {"access_token": "a", "token_type": "Bearer", "instance_url": "https://acme.example", "hub_id": 4}""")),
                endpoint, "client", "secret", "old-refresh", "https://old.example", null, CLOCK);

        assertThat(grant.account()).isNull();
        assertThat(grant.credential().instanceUrl()).isEqualTo("https://old.example");
    }

    @Test
    void aSalesforceRefreshNamesTheOrgOfItsIdentityUrlAndKeepsTheRefreshTokenItDidNotRotate() throws Exception {
        TokenGrant grant = grant(new SalesforceConnectorProvider(), """
                {"access_token": "00D!abc", "token_type": "Bearer", "instance_url": "https://acme.my.salesforce.com",
                 "id": "https://login.salesforce.com/id/00D5g000004ABCDEAA/0055g000001XYZAAA2", "issued_at": "1"}""");

        assertThat(grant.account()).isEqualTo("00D5g000004ABCDEAA");
        Credential.OAuth oauth = grant.credential();
        assertThat(oauth.refreshToken()).isEqualTo("old-refresh");
        assertThat(oauth.instanceUrl()).isEqualTo("https://acme.my.salesforce.com");
        assertThat(oauth.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(2)));
        assertThat(oauth.scope()).isEqualTo("old scope");
    }

    @Test
    void aHubSpotGrantNamesItsHubAndARotatedRefreshTokenReplacesTheOldOne() throws Exception {
        TokenGrant grant = grant(new HubSpotConnectorProvider(), """
                {"access_token": "C1", "token_type": "bearer", "refresh_token": "na1-new", "expires_in": 1800,
                 "hub_id": 40000042}""");

        assertThat(grant.account()).isEqualTo("40000042");
        assertThat(grant.credential().refreshToken()).isEqualTo("na1-new");
        assertThat(grant.credential().expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(1800));
    }

    @Test
    void aPipedriveGrantNamesNoAccountButItsApiDomain() throws Exception {
        TokenGrant grant = grant(new PipedriveConnectorProvider(), """
                {"access_token": "p1", "token_type": "Bearer", "refresh_token": "r1", "expires_in": 3600,
                 "api_domain": "https://acme.pipedrive.com"}""");

        assertThat(grant.account()).isNull();
        assertThat(grant.credential().instanceUrl()).isEqualTo("https://acme.pipedrive.com");
    }

    @Test
    void anAccountIsKnownByEachOfItsSpellingsAndNoOther() {
        var salesforce = new CrmAccounts.Identified(new Credential.ApiToken("t"), "00D5g000004ABCDEAA",
                Set.of("00D5g000004ABCDEAA", "00D5g000004ABCD"));
        assertThat(salesforce.is("00D5g000004ABCD")).isTrue();
        assertThat(salesforce.is(" 00D5g000004ABCDEAA ")).isTrue();
        assertThat(salesforce.is("00D5g000004ABCE")).isFalse();
        var pipedrive = new CrmAccounts.Identified(new Credential.ApiToken("t"), "acme",
                Set.of("11250001", "acme", "acme.pipedrive.com"));
        assertThat(pipedrive.is("acme.pipedrive.com")).isTrue();
        assertThat(pipedrive.is("11250001")).isTrue();
        assertThat(pipedrive.is("globex")).isFalse();
    }
}
