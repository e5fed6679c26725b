package com.penguinmails.crmsync.connector.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.contactsync.RealtimeInbound;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.testing.SandboxConnections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A CRM added without touching main code: the fake CRM's provider, registered as a bean in this test only, is asked
 * by the CLI's registry, the connection registry and contact-sync like any other. A tenant connected to it syncs both
 * ways, and its change notices apply without a run (read by id through its connector).
 */
@SpringBootTest
@Import(FakeCrmContactSyncIT.FakeCrmRegistration.class)
class FakeCrmContactSyncIT {

    /** The fake CRM's whole registration: its provider as a bean. */
    @TestConfiguration
    static class FakeCrmRegistration {

        @Bean
        FakeCrm fakeCrm() {
            return new FakeCrm();
        }

        @Bean
        FakeCrmProvider fakeCrmProvider(FakeCrm fakeCrm) {
            return new FakeCrmProvider(fakeCrm);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "fake_crm_contact_sync");
    }

    @Autowired
    FakeCrm crm;
    @Autowired
    CrmProviders crms;
    @Autowired
    ConnectionRegistry registry;
    @Autowired
    JobRunner runner;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RealtimeInbound realtime;

    @Test
    void aTenantConnectedToAFourthCrmSyncsItsPeopleInAndItsEditsOut() {
        // given: a tenant connected to the fake CRM, which holds a company and three people
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('fake-co', 'Fake Co')").update();
        crm.create(ObjectType.COMPANY, Map.of("name", "Fakery Inc"));
        String ada = crm.create(ObjectType.CONTACT, Map.of("email", "ada@fake.example", "first", "Ada",
                "last", "Lovelace"));
        String alan = crm.create(ObjectType.CONTACT, Map.of("email", "alan@fake.example", "first", "Alan",
                "last", "Turing"));
        crm.create(ObjectType.CONTACT, Map.of("email", "grace@fake.example", "first", "Grace", "last", "Hopper"));
        long connection = registry.connect("fake-co", crms.kind("FakeCRM"), "fake-account", Map.of(),
                new Credential.ApiToken("fake-token"));

        // when: contact-sync runs
        JobExecution inbound = sync();

        // then: the people are PenguinMails contacts of the tenant, on the connection's list named for the CRM
        assertThat(inbound.getStatus()).as("%s", inbound.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT email || ' ' || first_name FROM penguinmails.contacts WHERE tenant_id = 'fake-co' "
                + "ORDER BY email").query(String.class).list())
                .containsExactly("ada@fake.example Ada", "alan@fake.example Alan", "grace@fake.example Grace");
        assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.list_members m JOIN penguinmails.lists l "
                        + "ON l.id = m.list_id WHERE l.tenant_id = 'fake-co' AND l.name = :n")
                .param("n", "FakeCRM contacts (connection " + connection + ")").query(Long.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT name FROM penguinmails.companies WHERE tenant_id = 'fake-co'")
                .query(String.class).list()).containsExactly("Fakery Inc");
        assertThat(crm.upserts()).as("nothing changed in PenguinMails yet").isEmpty();

        // when: PenguinMails renames one of them, and contact-sync runs again
        jdbc.sql("UPDATE penguinmails.contacts SET first_name = 'Augusta Ada' WHERE tenant_id = 'fake-co' "
                + "AND email = 'ada@fake.example'").update();
        JobExecution outbound = sync();

        // then: the edit reached the fake CRM's record, and only that one
        assertThat(outbound.getStatus()).as("%s", outbound.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(crm.upserts()).extracting(CrmRecord::crmId).containsExactly(ada);
        assertThat(crm.fields(ada)).containsEntry("first", "Augusta Ada").containsEntry("last", "Lovelace");
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c")
                .param("c", connection).query(Long.class).single()).isZero();

        // when: the fake CRM renames Alan and announces it, and the notice is applied without a run
        crm.update(alan, "first", "Alan Mathison");
        RealtimeInbound.Outcome outcome = realtime.apply(connection, List.of(CrmChangeNotice.upserted("fake-1",
                ObjectType.CONTACT, alan, Instant.now())));

        // then: read by id through the fake's connector, it landed like a run's change
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(1, 0, 0, 0));
        assertThat(jdbc.sql("SELECT first_name FROM penguinmails.contacts WHERE tenant_id = 'fake-co' "
                + "AND email = 'alan@fake.example'").query(String.class).single()).isEqualTo("Alan Mathison");
    }

    private JobExecution sync() {
        return runner.run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of("fake-co"), Shard.ALL, 1, Instant.now()));
    }
}
