package com.penguinmails.crmsync.sandbox.pipedrive;

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
 * The bar for the sandbox: Pipedrive's official Node client ({@code pipedrive} on npm), pointed at the sandbox with
 * {@code basePath} and the OAuth {@code host}, works unchanged: lists, adds, updates, searches and deletes persons,
 * reads organizations and person fields, adds a deal and an activity, merges persons (v1), sees a 404 as an error,
 * and authorizes with an OAuth code. Needs Node and npm (the client is installed under {@code target/}); excluded
 * from the default build. Run: {@code ./mvnw verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=PipedriveOfficialClientManualIT}.
 */
class PipedriveOfficialClientManualIT {

    private static final String CLIENT_VERSION = "33";
    private static final Path HOME = Path.of("target", "pipedrive-npm");

    private static final String SCRIPT = """
            const { v1, v2 } = require('pipedrive');
            const env = process.env;
            const must = (cond, what) => { if (!cond) { throw new Error('FAILED: ' + what); } };
            (async () => {
              const config = new v2.Configuration({ apiKey: env.API_TOKEN, basePath: env.BASE + '/api/v2' });
              const persons = new v2.PersonsApi(config);
              const page = await persons.getPersons({ limit: 5, sort_by: 'update_time' });
              must(page.success && page.data.length === 5 && page.additional_data.next_cursor, 'getPersons page');
              const next = await persons.getPersons({ limit: 5, sort_by: 'update_time',
                  cursor: page.additional_data.next_cursor });
              must(next.data.length === 5 && next.data[0].id !== page.data[0].id, 'getPersons cursor');
              const added = await persons.addPerson({ AddPersonRequest: { name: 'Node Client',
                  emails: [{ value: 'node.client@npm.example', primary: true, label: 'work' }],
                  custom_fields: { [env.LEAD_SCORE]: 42.5 } } });
              must(added.data.id && added.data.custom_fields[env.LEAD_SCORE] === 42.5, 'addPerson');
              const updated = await persons.updatePerson({ id: added.data.id,
                  UpdatePersonRequest: { name: 'Node Client Renamed' } });
              must(updated.data.last_name === 'Renamed', 'updatePerson');
              const found = await persons.searchPersons({ term: 'node.client@npm.example', fields: 'email',
                  exact_match: true });
              must(found.data.items.length === 1 && found.data.items[0].item.id === added.data.id, 'searchPersons');
              const fields = await new v2.PersonFieldsApi(config).getPersonFields({});
              must(fields.data.some(f => f.field_code === env.LEAD_SCORE), 'getPersonFields');
              const orgs = await new v2.OrganizationsApi(config).getOrganizations({ limit: 2 });
              must(orgs.data.length === 2, 'getOrganizations');
              const deal = await new v2.DealsApi(config).addDeal({ AddDealRequest: { title: 'Node deal',
                  person_id: added.data.id, value: 100 } });
              must(deal.data.status === 'open', 'addDeal');
              const activity = await new v2.ActivitiesApi(config).addActivity({ AddActivityRequest: {
                  subject: 'Opened email', type: 'email', person_id: added.data.id, done: true } });
              must(activity.data.done === true, 'addActivity');
              const v1config = new v1.Configuration({ apiKey: env.API_TOKEN, basePath: env.BASE + '/api/v1' });
              const merged = await new v1.PersonsApi(v1config).mergePersons({ id: added.data.id,
                  MergePersonsRequest: { merge_with_id: 1 } });
              must(merged.success && merged.data.id === 1, 'mergePersons');
              let error = null;
              try { await persons.getPerson({ id: 999999 }); } catch (e) { error = e; }
              must(error && error.success === false && error.error === 'Person not found',
                  'getPerson of an unknown id rejects with the error body, got ' + JSON.stringify(error));
              const deleted = await persons.deletePerson({ id: 2 });
              must(deleted.data.id === 2, 'deletePerson');
              const oauth2 = new v2.OAuth2Configuration({ clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET,
                  redirectUri: env.REDIRECT_URI, host: env.BASE });
              await oauth2.authorize(env.CODE);
              const viaOauth = new v2.PersonsApi(new v2.Configuration({ accessToken: oauth2.getAccessToken,
                  basePath: oauth2.basePath }));
              const oauthPage = await viaOauth.getPersons({ limit: 1 });
              must(oauthPage.data.length === 1, 'OAuth getPersons via api_domain ' + oauth2.basePath);
              console.log('OK');
            })().catch(e => { console.error(e.response ? JSON.stringify(e.response.data) : e); process.exit(1); });
            """;

    @Test
    void theOfficialNodeClientWorksAgainstTheSandboxUnchanged() throws Exception {
        assumeTrue(run(List.of("node", "--version"), Path.of("."), Map.of()).exitCode == 0, "needs Node");
        if (!Files.isDirectory(HOME.resolve("node_modules/pipedrive"))) {
            Files.createDirectories(HOME);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "pipedrive@" + CLIENT_VERSION),
                    HOME, Map.of());
            assumeTrue(install.exitCode == 0, "npm install pipedrive failed: " + install.output);
        }
        Files.writeString(HOME.resolve("check-sandbox.js"), SCRIPT, StandardCharsets.UTF_8);
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(30))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> oauth = (Map<String, Object>) sandbox.info().get("oauth");
            @SuppressWarnings("unchecked")
            Map<String, Object> custom = (Map<String, Object>) sandbox.info().get("customFields");
            Result result = run(List.of("node", "check-sandbox.js"), HOME, Map.of(
                    "BASE", sandbox.server().baseUri().toString(),
                    "API_TOKEN", sandbox.apiToken(),
                    "LEAD_SCORE", (String) custom.get("personLeadScore"),
                    "CLIENT_ID", (String) oauth.get("clientId"),
                    "CLIENT_SECRET", (String) oauth.get("clientSecret"),
                    "REDIRECT_URI", (String) oauth.get("redirectUri"),
                    "CODE", (String) oauth.get("authorizationCode")));
            assertThat(result.output).contains("OK");
            assertThat(result.exitCode).isZero();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path directory, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(process.exitValue(), output);
    }
}
