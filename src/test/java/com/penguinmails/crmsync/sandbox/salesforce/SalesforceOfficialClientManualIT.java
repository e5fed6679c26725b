package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opt-in check that Salesforce's official Node client ({@code jsforce}, a {@code Connection} built from
 * {@code instanceUrl} and an access token) works unchanged against the sandbox: REST query and sObject writes,
 * limits, the SOAP Partner API and Bulk API 2.0 ingest and query. Needs Node and npm; installs the client under
 * {@code target/salesforce-node} on first run. Excluded from the default build ({@code *ManualIT}); run it with
 * {@code ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SalesforceOfficialClientManualIT}.
 */
class SalesforceOfficialClientManualIT {

    private static final Path WORK = Path.of("target", "salesforce-node");
    private static final String JSFORCE = "jsforce@3.10.26";

    private static final String SCRIPT = """
            const jsforce = require('jsforce');
            const info = JSON.parse(process.argv[2]);
            const check = (ok, what) => { if (!ok) { throw new Error('check failed: ' + what); } };
            const passed = [];
            const step = async (name, run) => { await run(); passed.push(name); };
            (async () => {
              const conn = new jsforce.Connection({ instanceUrl: info.instanceUrl, accessToken: info.accessToken,
                  version: '64.0' });
              await step('query', async () => {
                const result = await conn.query('SELECT Id, Email FROM Contact LIMIT 5');
                check(result.done === true && result.totalSize === 5 && result.records.length === 5, 'query size');
                check(/^003[0-9A-Za-z]{15}$/.test(result.records[0].Id), 'query ids');
                check(result.records[0].attributes.type === 'Contact', 'query attributes');
              });
              let id;
              await step('create', async () => {
                const created = await conn.sobject('Contact').create({ LastName: 'Jsforce',
                    Email: 'js@client.example' });
                check(created.success === true && /^003/.test(created.id), 'create: ' + JSON.stringify(created));
                id = created.id;
              });
              await step('update', async () => {
                const updated = await conn.sobject('Contact').update({ Id: id, Title: 'Client' });
                check(updated.success === true && updated.id === id, 'update: ' + JSON.stringify(updated));
                const read = await conn.query("SELECT Title FROM Contact WHERE Email = 'js@client.example'");
                check(read.totalSize === 1 && read.records[0].Title === 'Client', 'update visible');
              });
              await step('create error', async () => {
                let failure;
                try { await conn.sobject('Contact').create({ FirstName: 'NoLastName' }); }
                catch (e) { failure = e; }
                check(failure && failure.errorCode === 'REQUIRED_FIELD_MISSING'
                    && failure.data.fields[0] === 'LastName', 'REQUIRED_FIELD_MISSING: ' + failure);
              });
              await step('retrieve and destroy', async () => {
                const record = await conn.sobject('Contact').retrieve(id);
                check(record.Id === id && record.Title === 'Client' && record.attributes.type === 'Contact',
                    'retrieve: ' + JSON.stringify(record));
                const destroyed = await conn.sobject('Contact').destroy(id);
                check(destroyed.success === true && destroyed.id === id, 'destroy: ' + JSON.stringify(destroyed));
                let gone;
                try { await conn.sobject('Contact').retrieve(id); } catch (e) { gone = e; }
                check(gone && gone.errorCode === 'ENTITY_IS_DELETED', 'retrieve deleted: ' + gone);
                const all = await conn.query("SELECT Id, IsDeleted FROM Contact WHERE Email = 'js@client.example'",
                    { scanAll: true });
                check(all.totalSize === 1 && all.records[0].IsDeleted === true, 'queryAll: ' + JSON.stringify(all));
              });
              await step('limits', async () => {
                const limits = await conn.limits();
                check(limits.DailyApiRequests.Max > 0, 'limits');
              });
              await step('soap', async () => {
                const stamp = await conn.soap.getServerTimestamp();
                check(stamp && stamp.timestamp, 'soap getServerTimestamp: ' + JSON.stringify(stamp));
                const saved = await conn.soap.create([
                    { type: 'Contact', LastName: 'Soap', Email: 'soap@client.example' }]);
                check(saved[0].success === true && /^003/.test(saved[0].id), 'soap create: ' + JSON.stringify(saved));
                const upserted = await conn.soap.upsert('Id', [{ type: 'Contact', Id: saved[0].id, Title: 'Soapy' }]);
                check(upserted[0].success === true && upserted[0].created === false,
                    'soap upsert: ' + JSON.stringify(upserted));
              });
              await step('replication', async () => {
                const now = new Date((await conn.soap.getServerTimestamp()).timestamp);
                const start = new Date(now.getTime() - 29 * 24 * 3600 * 1000).toISOString();
                const updated = await conn.sobject('Contact').updated(start, now.toISOString());
                check(updated.ids.length > 0 && updated.latestDateCovered, 'updated: ' + JSON.stringify(updated));
                const deleted = await conn.sobject('Contact').deleted(start, now.toISOString());
                check(Array.isArray(deleted.deletedRecords) && deleted.earliestDateAvailable,
                    'deleted: ' + JSON.stringify(deleted));
              });
              await step('bulk2 ingest', async () => {
                const csv = 'LastName,Email\\nBulkOne,bulk1@client.example\\nBulkTwo,bulk2@client.example\\n'
                    + ',missing@client.example\\n';
                const results = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'insert',
                    input: csv, pollTimeout: 60000, pollInterval: 200 });
                check(results.successfulResults.length === 2, 'bulk successes: ' + JSON.stringify(results));
                check(results.failedResults.length === 1 && /REQUIRED_FIELD_MISSING/.test(
                    results.failedResults[0].sf__Error), 'bulk failure: ' + JSON.stringify(results.failedResults));
                check(/^003/.test(results.successfulResults[0].sf__Id), 'bulk ids');
              });
              await step('bulk2 query', async () => {
                const records = await conn.bulk2.query('SELECT Id FROM Contact', { pollTimeout: 60000,
                    pollInterval: 200 });
                const rows = [];
                for await (const row of records) { rows.push(row); }
                check(rows.length >= 23 && /^003/.test(rows[0].Id), 'bulk query rows: ' + rows.length);
              });
              console.log(JSON.stringify({ ok: true, passed }));
            })().catch(e => {
              console.error(JSON.stringify({ ok: false, passed, error: String(e && e.stack || e),
                  data: e && e.data }));
              process.exit(1);
            });
            """;

    @Test
    void officialNodeClientWorksUnchangedAgainstTheSandbox() throws Exception {
        // given
        assumeTrue(run(List.of("node", "--version"), Path.of(".")).exit() == 0, "node is not installed");
        Files.createDirectories(WORK);
        if (!Files.isDirectory(WORK.resolve("node_modules/jsforce"))) {
            // jsforce pulls in undici unpinned; undici 7+ needs a newer Node than this machine's 20
            Files.writeString(WORK.resolve("package.json"),
                    "{\"private\": true, \"overrides\": {\"undici\": \"6.21.3\"}}\n");
            Result install = run(List.of("npm", "install", "--prefix", WORK.toString(), "--no-audit", "--no-fund",
                    JSFORCE), Path.of("."));
            assumeTrue(install.exit() == 0, "npm install failed: " + install.output());
        }
        Files.writeString(WORK.resolve("check.js"), SCRIPT);
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            String info = JsonMapper.builder().build().writeValueAsString(sandbox.info());

            // when
            Result result = run(List.of("node", "check.js", info), WORK);

            // then
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.output()).contains("\"ok\":true").contains("\"query\"", "\"create\"", "\"update\"",
                    "\"create error\"", "\"retrieve and destroy\"", "\"limits\"", "\"soap\"", "\"replication\"",
                    "\"bulk2 ingest\"", "\"bulk2 query\"");
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
