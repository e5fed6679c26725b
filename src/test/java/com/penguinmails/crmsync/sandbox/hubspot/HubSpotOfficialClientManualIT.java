package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opt-in check that HubSpot's official Node client ({@code @hubspot/api-client}, option {@code basePath}) works
 * unchanged against the sandbox. Needs Node and npm; installs the client under {@code target/hubspot-node} on first
 * run. Excluded from the default build ({@code *ManualIT}); run it with
 * {@code ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HubSpotOfficialClientManualIT}.
 */
class HubSpotOfficialClientManualIT {

    private static final Path WORK = Path.of("target", "hubspot-node");

    private static final String SCRIPT = """
            const hubspot = require('@hubspot/api-client');
            const [base, token, clientId, clientSecret, refreshToken, subscriptionId] = process.argv.slice(2);
            const check = (ok, what) => { if (!ok) { throw new Error('check failed: ' + what); } };
            (async () => {
              const client = new hubspot.Client({ accessToken: token, basePath: base, numberOfApiCallRetries: 0 });
              const created = await client.crm.contacts.basicApi.create(
                  { properties: { email: 'node@client.example', firstname: 'Node' }, associations: [] });
              check(/^\\d+$/.test(created.id) && created.createdAt instanceof Date, 'create');
              const got = await client.crm.contacts.basicApi.getById(created.id, ['email', 'firstname']);
              check(got.properties.firstname === 'Node', 'getById');
              const page = await client.crm.contacts.basicApi.getPage(5, undefined, ['email']);
              check(page.results.length === 5 && page.paging.next.after, 'getPage');
              const upsert = await client.crm.contacts.batchApi.upsert({ inputs: [
                  { id: 'up@client.example', idProperty: 'email', properties: { lastname: 'Up' } }] });
              check(upsert.results[0]._new === true || upsert.results[0]['new'] === true, 'upsert');
              const found = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [
                  { propertyName: 'email', operator: 'EQ', value: 'node@client.example' }] }],
                  sorts: ['-createdate'], properties: ['email'], limit: 10, after: '0' });
              check(found.total === 1 && found.results[0].id === created.id, 'search');
              const company = await client.crm.companies.basicApi.create({ properties: { name: 'Node Co' },
                  associations: [] });
              await client.crm.associations.v4.batchApi.create('contacts', 'companies', { inputs: [{
                  _from: { id: created.id }, to: { id: company.id },
                  types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }] });
              const links = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies',
                  { inputs: [{ id: created.id }] });
              check(links.results[0].to[0].toObjectId === company.id || links.results[0].to[0].toObjectId == company.id,
                  'associations');
              const props = await client.crm.properties.coreApi.getAll('contacts');
              check(props.results.some(p => p.name === 'penguinmails_lead_score'), 'properties');
              const email = await client.crm.objects.emails.basicApi.create({ properties: {
                  hs_timestamp: new Date().toISOString(), hs_email_direction: 'EMAIL', hs_email_subject: 'Hi' },
                  associations: [{ to: { id: created.id }, types: [
                  { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] }] });
              check(/^\\d+$/.test(email.id), 'email engagement');
              const status = await client.communicationPreferences.statusApi.unsubscribe({
                  emailAddress: 'node@client.example', subscriptionId, legalBasis: 'LEGITIMATE_INTEREST_CLIENT',
                  legalBasisExplanation: 'test' });
              check(status.status === 'NOT_SUBSCRIBED', 'unsubscribe');
              let conflict = 0;
              try { await client.crm.contacts.basicApi.create({ properties: { email: 'node@client.example' } }); }
              catch (e) { conflict = e.code; }
              check(conflict === 409, 'conflict is an ApiException with code 409');
              const tokens = await client.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId,
                  clientSecret, refreshToken);
              check(tokens.accessToken && tokens.expiresIn > 0, 'oauth refresh');
              const oauthClient = new hubspot.Client({ accessToken: tokens.accessToken, basePath: base });
              const viaOauth = await oauthClient.crm.contacts.basicApi.getById(created.id);
              check(viaOauth.id === created.id, 'oauth token accepted');
              console.log(JSON.stringify({ ok: true }));
            })().catch(e => { console.error(e && e.body ? JSON.stringify(e.body) : e); process.exit(1); });
            """;

    @Test
    void officialNodeClientWorksUnchangedAgainstTheSandbox() throws Exception {
        // given
        assumeTrue(run(List.of("node", "--version"), Path.of(".")).exit() == 0, "node is not installed");
        Files.createDirectories(WORK);
        if (!Files.isDirectory(WORK.resolve("node_modules/@hubspot/api-client"))) {
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "@hubspot/api-client@13"), WORK);
            assumeTrue(install.exit() == 0, "npm install failed: " + install.output());
        }
        Files.writeString(WORK.resolve("check.js"), SCRIPT);
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            Map<String, Object> info = sandbox.info();
            @SuppressWarnings("unchecked")
            Map<String, Object> oauth = (Map<String, Object>) info.get("oauth");

            // when
            Result result = run(List.of("node", "check.js", (String) info.get("baseUrl"),
                    (String) info.get("privateAppToken"), (String) oauth.get("clientId"),
                    (String) oauth.get("clientSecret"), (String) oauth.get("refreshToken"),
                    (String) info.get("marketingSubscriptionId")), WORK);

            // then
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.output()).contains("\"ok\":true");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, output);
        }
        return new Result(process.exitValue(), output);
    }
}
