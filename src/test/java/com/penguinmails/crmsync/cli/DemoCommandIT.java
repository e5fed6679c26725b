package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The demo end to end: tenants, three CRM sandboxes, contact-sync both ways, lead-score, scores and e-mails out; then
 * crm-sync serve in the process, CRM edits in and e-mails out in real time.
 */
class DemoCommandIT {

    @Test
    void theDemoSyncsEveryTenantWithItsCrmsBothWaysAndLeavesItsConnectionsDisabled() throws Exception {
        // given
        TestDatabase.Database db = TestDatabase.create("demo_command");
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("demo").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // when
        int exitCode = CrmSyncCli.execute(new String[] {"demo", "--contacts", "40", "--crm-contacts", "30"},
                properties, new PrintWriter(out), new PrintWriter(err));

        // then
        assertThat(exitCode).as("%s%n%s", out, err).isZero();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        List<Map<String, Object>> connections = jdbc.sql("""
                        SELECT c.tenant_id, c.crm, c.status,
                               (SELECT count(*) FROM crm_sync.record_links l
                                WHERE l.connection_id = c.id AND l.pm_entity = 'contact') AS links,
                               (SELECT count(*) FROM crm_sync.sync_errors e WHERE e.connection_id = c.id) AS errors
                        FROM crm_sync.connections c ORDER BY c.tenant_id, c.crm""").query().listOfRows();
        assertThat(connections).extracting(r -> r.get("tenant_id") + "/" + r.get("crm"))
                .containsExactly("acme-robotics/hubspot", "globex/pipedrive", "initech/hubspot", "initech/salesforce");
        assertThat(connections).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("disabled");
            assertThat((Long) r.get("links")).isGreaterThanOrEqualTo(30L);
            assertThat((Long) r.get("errors")).isZero();
        });
        // every contact was created in the CRMs that allow it (HubSpot here): none is left without a link
        assertThat(jdbc.sql("""
                SELECT count(*) FROM penguinmails.contacts c
                WHERE c.tenant_id = 'acme-robotics' AND c.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l JOIN crm_sync.connections n
                                  ON n.id = l.connection_id AND n.crm = 'hubspot'
                                  WHERE l.pm_entity = 'contact' AND l.pm_id = c.id AND l.deleted_at IS NULL)""")
                .query(Long.class).single()).isZero();
        assertThat((Long) connections.get(0).get("links")).isGreaterThan(30L);
        // engagement-sync logged the e-mails of the contacts linked to HubSpot and Salesforce
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.activity_links l JOIN crm_sync.connections c "
                + "ON c.id = l.connection_id WHERE c.tenant_id = 'acme-robotics'").query(Long.class).single())
                .isPositive();
        assertThat(out.toString()).contains("RECORDS IN", "RECORDS OUT", "ACTIVITIES", "WAITING", "API CALLS");
        // real time, with no run: the e-mails inserted while serve ran (3 per connection) are on the timeline of every
        // CRM their contact is linked in (initech's 6 on both of its CRMs), and the users' edits in the CRMs that
        // announce their changes (acme's HubSpot, globex's Pipedrive, initech's Salesforce) reached the contacts
        assertThat(jdbc.sql("""
                        SELECT c.tenant_id || '/' || c.crm AS connection, count(*) AS pushed
                        FROM crm_sync.activity_links l JOIN crm_sync.connections c ON c.id = l.connection_id
                        WHERE l.activity_key LIKE 'pm-m-realtime-demo-%' GROUP BY 1 ORDER BY 1""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()).containsExactly(
                Map.entry("acme-robotics/hubspot", 3L), Map.entry("globex/pipedrive", 3L),
                Map.entry("initech/hubspot", 6L), Map.entry("initech/salesforce", 6L));
        Map<String, Long> edited = new HashMap<>();
        jdbc.sql("SELECT tenant_id, count(*) FROM penguinmails.contacts WHERE last_name LIKE 'Realtime%' "
                + "GROUP BY tenant_id").query((rs, n) -> edited.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(edited).containsEntry("acme-robotics", 3L).containsEntry("globex", 3L).containsEntry("initech", 3L);
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isEqualTo(4);

        // when a second demo runs on the same database: its sandboxes play the same CRM accounts
        int again = CrmSyncCli.execute(new String[] {"demo", "--contacts", "40", "--crm-contacts", "30"},
                properties, new PrintWriter(out), new PrintWriter(err));

        // then the first demo's connections were set aside, and real time reached the new ones too
        assertThat(again).as("%s%n%s", out, err).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.connections WHERE account_ref LIKE '%(earlier demo, %'")
                .query(Long.class).single()).isEqualTo(4);
        edited.clear();
        jdbc.sql("""
                        SELECT c.tenant_id, count(*) FROM penguinmails.contacts p JOIN crm_sync.connections c
                        ON c.tenant_id = p.tenant_id AND p.last_name LIKE 'Realtime' || c.id || 'x%'
                        WHERE c.account_ref NOT LIKE '%(earlier demo, %' GROUP BY 1""")
                .query((rs, n) -> edited.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(edited).containsEntry("acme-robotics", 3L).containsEntry("globex", 3L)
                .containsEntry("initech", 3L);
    }
}
