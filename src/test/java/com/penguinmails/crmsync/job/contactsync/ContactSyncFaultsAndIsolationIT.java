package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two tenants, each on its own HubSpot whose API fails 10% of requests with a 5xx and 5% with a 429: one run
 * converges for both, and no partition reads or writes the other tenant's rows.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=20", "crmsync.contact-sync.page-size=5"})
class ContactSyncFaultsAndIsolationIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_faults");
    }


    private long connect(String tenant, CrmDriver hubspot) {
        return hubspot.connect(registry, tenant, tenant + "-hub", Map.of("requestsPerSecond", "200"));
    }

    @Test
    void aFaultyCrmConvergesInOneRunAndEachTenantOnlyEverSeesItsOwnContacts() {
        // given: 10% 5xx + 5% 429 on every request
        FaultPlan faults = new FaultPlan(Duration.ZERO, 0.15, 2, 1, 0, 0, Duration.ZERO);
        try (CrmDriver first = CrmDriver.start(HubSpotConnectorProvider.KIND, SandboxOptions.defaults().withSeedContacts(40)
                .withSeed(7).withFaults(faults));
             CrmDriver second = CrmDriver.start(HubSpotConnectorProvider.KIND, SandboxOptions.defaults().withSeedContacts(25)
                     .withSeed(8).withFaults(faults))) {
            tenant("umbrella", "Umbrella");
            tenant("hooli", "Hooli");
            long umbrella = connect("umbrella", first);
            long hooli = connect("hooli", second);

            // when
            JobExecution execution = run(ContactSyncJobConfiguration.JOB_NAME, 2);

            // then: both converged despite the faults
            assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                    .isEqualTo(BatchStatus.COMPLETED);
            assertThat(first.server().stats().faultsInjectedCount() + second.server().stats().faultsInjectedCount())
                    .as("faults were injected").isPositive();
            assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'umbrella'")
                    .query(Long.class).single()).isEqualTo(40);
            assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'hooli'")
                    .query(Long.class).single()).isEqualTo(25);
            // and every link of a connection points at a contact of that connection's tenant
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM crm_sync.record_links l
                            JOIN crm_sync.connections c ON c.id = l.connection_id
                            JOIN penguinmails.contacts p ON p.id = l.pm_id AND l.pm_entity = 'contact'
                            WHERE p.tenant_id <> c.tenant_id""").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact'")
                    .param("c", umbrella).query(Long.class).single()).isEqualTo(40);
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact'")
                    .param("c", hooli).query(Long.class).single()).isEqualTo(25);
        }
    }
}
