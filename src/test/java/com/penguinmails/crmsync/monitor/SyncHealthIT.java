package com.penguinmails.crmsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.monitor.SyncHealth.ActivityPoint;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditPage;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditQuery;
import com.penguinmails.crmsync.monitor.SyncHealth.ConnectionHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.ErrorGroup;
import com.penguinmails.crmsync.monitor.SyncHealth.Health;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read model on a real database: health after real runs on a sandbox HubSpot (completed and failed), of paused,
 * auth-failed and quota-paused connections; error groups and the actions on them with their audit; audit pages and
 * filters; activity buckets. Each test uses its own tenant.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncHealthIT extends SyncJobIT {

    @Autowired
    private SyncHealth health;
    @Autowired
    private SyncErrorActions actions;
    @Autowired
    private SyncAuditStore audit;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "monitor_health");
    }

    @BeforeAll
    void tenants() {
        for (String t : List.of("acme", "failing", "states", "errors", "audit", "activity")) {
            tenant(t, t);
        }
    }

    private long bareConnection(String tenant, String status) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, status, settings)
                        VALUES (:t, 'hubspot', :a, :s, '{"syncFrequency": "4h"}') RETURNING id""")
                .param("t", tenant).param("a", tenant + "-" + status + "-" + System.nanoTime()).param("s", status)
                .query(Long.class).single();
    }

    private long error(String tenant, long connection, String key, String kind, String reason) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, record_key, field,
                                                          reason, kind, payload)
                        VALUES (:t, :c, 'contact-sync', :k, 'email', :r, :kind, '{"email": "pii@x.example"}')
                        RETURNING id""")
                .param("t", tenant).param("c", connection).param("k", key).param("r", reason).param("kind", kind)
                .query(Long.class).single();
    }

    private String status(long errorId) {
        return jdbc.sql("SELECT status FROM crm_sync.sync_errors WHERE id = :id").param("id", errorId)
                .query(String.class).single();
    }

    @Test
    void aRealRunSetsTheLastSuccessfulSyncCountsRecordsInAndOutAndSchedulesTheNext() throws Exception {
        try (CrmDriver hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND,
                SandboxOptions.defaults().withSeedContacts(12).withSeed(3))) {
            long connection = hubspot.connect(registry, "acme", "acme-hub", Map.of("requestsPerSecond", "200"));
            ConnectionHealth before = health.connection(connection).orElseThrow();
            assertThat(before.lastSuccessfulSync()).isNull();
            assertThat(before.lastRun()).isNull();
            assertThat(before.oauth().kind()).isNotEqualTo("none");

            JobExecution first = run(ContactSyncJobConfiguration.JOB_NAME, 1, "acme");
            assertCompleted(first);
            // a PenguinMails change the next run pushes out
            jdbc.sql("""
                    UPDATE penguinmails.contacts SET job_title = 'Chief Penguin'
                    WHERE id = (SELECT min(id) FROM penguinmails.contacts WHERE tenant_id = 'acme')""").update();
            assertThat(health.connection(connection).orElseThrow().lag()).isPositive();
            JobExecution second = run(ContactSyncJobConfiguration.JOB_NAME, 1, "acme");
            assertCompleted(second);

            ConnectionHealth after = health.connection(connection).orElseThrow();
            assertThat(after.health()).isEqualTo(Health.HEALTHY);
            assertThat(after.state()).isEqualTo("active");
            assertThat(after.lastRun()).isNotNull();
            assertThat(after.lastRun().jobExecutionId()).isEqualTo(second.getId());
            assertThat(after.lastRun().status()).isEqualTo("COMPLETED");
            assertThat(after.lastRun().jobName()).isEqualTo(ContactSyncJobConfiguration.JOB_NAME);
            assertThat(after.lastSuccessfulSync()).isNotNull()
                    .isBetween(second.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant(),
                            Instant.now());
            assertThat(after.frequency()).isEqualTo(SyncFrequency.HOURLY);
            assertThat(after.nextSync()).isEqualTo(after.lastSuccessfulSync().plus(Duration.ofHours(1)));
            // 12 contacts and their companies came in, once each
            long linked = count("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = " + connection);
            assertThat(linked).isGreaterThan(12);
            assertThat(after.recordsIn()).isEqualTo(linked);
            assertThat(after.recordsOut()).isEqualTo(1);
            assertThat(after.lag()).isEqualTo(Duration.ZERO);
            assertThat(after.openErrors()).isZero();
            assertThat(after.apiUsage().callsToday()).isPositive();
            assertThat(after.apiUsage().allocation()).isEqualTo(0.5);
            assertThat(health.connections(List.of("acme"))).extracting(ConnectionHealth::id)
                    .containsExactly(connection);
            assertThat(health.connections(List.of("nobody"))).isEmpty();

            List<ActivityPoint> hours = health.activity(connection, Duration.ofHours(24), Duration.ofHours(1));
            assertThat(hours).hasSize(24);
            assertThat(hours.get(23).start()).isBefore(Instant.now())
                    .isAfter(Instant.now().minus(Duration.ofHours(1)));
            assertThat(hours.stream().mapToLong(ActivityPoint::recordsIn).sum()).isEqualTo(linked);
            assertThat(hours.stream().mapToLong(ActivityPoint::recordsOut).sum()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatFailedForTheConnectionMakesItFailing() throws Exception {
        JobExecution execution;
        long connection;
        try (CrmDriver hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND, 3)) {
            connection = hubspot.connect(registry, "failing", "failing-hub", Map.of("requestsPerSecond", "200"));
            // a setting broken by hand: the connection's partition fails
            jdbc.sql("UPDATE crm_sync.connections SET settings = settings || '{\"searchIndexLag\": \"soon\"}' "
                    + "WHERE id = :id").param("id", connection).update();

            execution = run(ContactSyncJobConfiguration.JOB_NAME, 1, "failing");
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        ConnectionHealth failing = health.connection(connection).orElseThrow();
        assertThat(failing.health()).isEqualTo(Health.FAILING);
        assertThat(failing.lastRun().status()).isEqualTo("FAILED");
        assertThat(failing.lastSuccessfulSync()).isNull();
        assertThat(failing.nextSync()).isNotNull();
    }

    @Test
    void pausedAuthFailedQuotaPausedAndDisconnectedConnectionsSayWhy() {
        long paused = bareConnection("states", "disabled");
        long refused = bareConnection("states", "auth_failed");
        long quota = bareConnection("states", "active");
        long gone = bareConnection("states", "disconnected");
        long fresh = bareConnection("states", "active");
        Instant until = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("UPDATE crm_sync.connections SET quota_paused_until = :u WHERE id = :id")
                .param("u", java.sql.Timestamp.from(until)).param("id", quota).update();
        jdbc.sql("INSERT INTO crm_sync.api_usage (connection_id, usage_date, calls, quota_limit, quota_remaining) "
                + "VALUES (:id, CAST(now() AT TIME ZONE 'UTC' AS date), 500, 1000, 400)").param("id", quota).update();

        Map<Long, ConnectionHealth> byId = health.connections(List.of("states")).stream()
                .collect(java.util.stream.Collectors.toMap(ConnectionHealth::id, h -> h));

        assertThat(byId.get(paused).health()).isEqualTo(Health.PAUSED);
        assertThat(byId.get(paused).nextSync()).isNull();
        assertThat(byId.get(refused).health()).isEqualTo(Health.FAILING);
        assertThat(byId.get(refused).oauth().needsReauthorization()).isTrue();
        assertThat(byId.get(quota).health()).isEqualTo(Health.PAUSED);
        assertThat(byId.get(quota).nextSync()).isNull();
        assertThat(byId.get(quota).apiUsage().pausedUntil()).isEqualTo(until);
        assertThat(byId.get(quota).apiUsage().callsToday()).isEqualTo(500);
        assertThat(byId.get(quota).apiUsage().dailyLimit()).isEqualTo(1000);
        assertThat(byId.get(quota).apiUsage().remaining()).isEqualTo(400);
        assertThat(byId.get(gone).health()).isEqualTo(Health.DISCONNECTED);
        assertThat(byId.get(gone).oauth().kind()).isEqualTo("none");
        assertThat(byId.get(gone).lag()).isNull();
        assertThat(byId.get(fresh).health()).isEqualTo(Health.HEALTHY);
        assertThat(byId.get(fresh).frequency()).isEqualTo(SyncFrequency.EVERY_4_HOURS);
        assertThat(byId.get(fresh).nextSync()).isNotNull();
    }

    @Test
    void aFieldTheCrmCannotWriteIsGroupedAsFieldUnavailableWhateverTheCrmsWords() {
        long connection = bareConnection("errors", "active");
        error("errors", connection, "penguinmails:contact:1", "warning", "penguinmails_deleted not written: HubSpot "
                + "has no writable property penguinmails_deleted (PROPERTY_DOESNT_EXIST or READ_ONLY_VALUE); the rest "
                + "of the record was written");
        error("errors", connection, "penguinmails:contact:2", "warning", "Foo__c does not exist on Contact");

        assertThat(health.errorGroups(connection)).extracting(ErrorGroup::reason, ErrorGroup::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("field_unavailable", 2L));
    }

    @Test
    void errorsAreGroupedByCategoryWithExamplesAndRetriedOrIgnoredByIdsOrReasonWithAudit() {
        long connection = bareConnection("errors", "active");
        long other = bareConnection("errors", "active");
        long contact = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('errors', "
                + "'a@errors.example') RETURNING id").query(Long.class).single();
        long outbound = error("errors", connection, "penguinmails:contact:" + contact, "error",
                "could not be written: the CRM refused it: INVALID_EMAIL");
        long inbound1 = error("errors", connection, "hubspot:contact:1", "error", "email is not an e-mail address");
        long inbound2 = error("errors", connection, "hubspot:contact:2", "error", "email is not an e-mail address");
        long cut = error("errors", connection, "hubspot:contact:3", "warning",
                "lastname was cut to 40 characters (the field's length)");
        long others = error("errors", other, "hubspot:contact:9", "error", "email is not an e-mail address");

        List<ErrorGroup> groups = health.errorGroups(connection);
        assertThat(groups).extracting(ErrorGroup::reason, ErrorGroup::kind, ErrorGroup::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("invalid_email", "error", 2L),
                org.assertj.core.groups.Tuple.tuple("crm_refused", "error", 1L),
                org.assertj.core.groups.Tuple.tuple("field_too_long", "warning", 1L));
        assertThat(groups.get(0).examples()).extracting(SyncHealth.ErrorExample::id)
                .containsExactly(inbound2, inbound1);
        assertThat(groups.get(0).examples().get(0).recordKey()).isEqualTo("hubspot:contact:2");
        assertThat(health.connection(connection).orElseThrow().health()).isEqualTo(Health.WARNING);

        // retry by ids: the outbound contact is queued, the other connection's id is skipped
        SyncErrorActions.Outcome retried = actions.retry(Actor.cli(), connection, List.of(outbound, others));
        assertThat(retried.done()).isEqualTo(1);
        assertThat(retried.skipped()).isEqualTo(1);
        assertThat(retried.doneIds()).containsExactly(outbound);
        assertThat(jdbc.sql("SELECT 'retry' = ANY(reasons) FROM crm_sync.contact_changes WHERE contact_id = :c")
                .param("c", contact).query(Boolean.class).single()).isTrue();
        assertThat(status(outbound)).isEqualTo("open");

        // retry by reason: inbound records are not queued, and say so
        SyncErrorActions.Outcome inbound = actions.retryReason(Actor.system("test"), connection, "invalid_email");
        assertThat(inbound.done()).isZero();
        assertThat(inbound.skipped()).isEqualTo(2);
        assertThat(inbound.notes()).anySatisfy(n -> assertThat(n).contains("backfill --connection " + connection));

        // ignore by reason: both invalid e-mails of this connection, not the other connection's
        SyncErrorActions.Outcome ignored = actions.ignoreReason(Actor.cli(), connection, "invalid_email");
        assertThat(ignored.done()).isEqualTo(2);
        assertThat(status(inbound1)).isEqualTo("ignored");
        assertThat(status(inbound2)).isEqualTo("ignored");
        assertThat(status(others)).isEqualTo("open");

        // ignore by ids: the other connection's and an already ignored one are skipped
        SyncErrorActions.Outcome byIds = actions.ignore(Actor.cli(), connection, List.of(cut, inbound1, others));
        assertThat(byIds.done()).isEqualTo(1);
        assertThat(byIds.skipped()).isEqualTo(2);
        assertThat(status(cut)).isEqualTo("ignored");
        assertThat(status(others)).isEqualTo("open");
        assertThat(health.errorGroups(connection)).extracting(ErrorGroup::reason).containsExactly("crm_refused");

        AuditPage trail = health.audit(new AuditQuery(List.of("errors"), connection, "sync-errors.", null, null,
                null, 0, 10));
        assertThat(trail.total()).isEqualTo(4);
        assertThat(trail.entries()).extracting(SyncHealth.AuditEntry::action).containsExactly(
                "sync-errors.ignored", "sync-errors.ignored", "sync-errors.retried", "sync-errors.retried");
        assertThat(trail.entries().get(0).actor()).isEqualTo(Actor.cli().toString());
        assertThat(trail.entries().get(2).actor()).isEqualTo("system:test");
        assertThat(trail.entries().get(1).details()).containsEntry("reason", "invalid_email")
                .containsEntry("done", 2);
        assertThat(trail.entries().get(3).details().get("ids")).isEqualTo(List.of((int) outbound));
    }

    @Test
    void theAuditLogIsPagedNewestFirstAndFilteredByConnectionActionActorAndTime() {
        long a = bareConnection("audit", "active");
        long b = bareConnection("audit", "active");
        for (int i = 0; i < 5; i++) {
            audit.recordChange(Actor.cli(), "audit", a, "connection.paused", Map.of("n", i));
        }
        audit.recordChange(Actor.system("scheduler"), "audit", b, "connection.activated", Map.of());
        audit.recordChange(Actor.parse("user:alice"), "audit", b, "field-map.changed", Map.of());
        audit.append(List.of(new SyncAuditStore.Entry("audit", a, "contact-sync", 1L, "inbound:connection-" + a,
                "inbound", "CONTACT", 3, Map.of("written", 3))));
        audit.recordChange(Actor.cli(), "acme", null, "tenant.changed", Map.of());

        AuditPage first = health.audit(new AuditQuery(List.of("audit"), null, null, null, null, null, 0, 3));
        AuditPage third = health.audit(new AuditQuery(List.of("audit"), null, null, null, null, null, 2, 3));
        assertThat(first.total()).isEqualTo(8);
        assertThat(first.entries()).hasSize(3);
        assertThat(first.entries().get(0).action()).isEqualTo("inbound");
        assertThat(first.entries().get(0).actor()).isNull();
        assertThat(third.entries()).hasSize(2);
        assertThat(third.entries().get(1).details()).containsEntry("n", 0);

        assertThat(health.audit(new AuditQuery(List.of("audit"), b, null, null, null, null, 0, 50)).total())
                .isEqualTo(2);
        assertThat(health.audit(new AuditQuery(List.of("audit"), null, "connection.", null, null, null, 0, 50))
                .total()).isEqualTo(6);
        assertThat(health.audit(new AuditQuery(List.of("audit"), null, null, "people", null, null, 0, 50))
                .total()).isEqualTo(6);
        assertThat(health.audit(new AuditQuery(List.of("audit"), null, null, "user:alice", null, null, 0, 50))
                .entries()).extracting(SyncHealth.AuditEntry::action).containsExactly("field-map.changed");
        assertThat(health.audit(new AuditQuery(List.of(), null, "tenant.", null, null, null, 0, 50)).total())
                .isEqualTo(1);
        Instant future = Instant.now().plus(Duration.ofMinutes(5));
        assertThat(health.audit(new AuditQuery(List.of("audit"), null, null, null, future, null, 0, 50)).total())
                .isZero();
        assertThat(health.audit(new AuditQuery(List.of("audit"), null, null, null, null, future, 0, 50)).total())
                .isEqualTo(8);
        assertThatThrownBy(() -> health.audit(new AuditQuery(List.of(), null, null, null, null, null, 0, 201)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> health.audit(new AuditQuery(List.of(), null, null, null, null, null, -1, 10)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("page");
    }

    @Test
    void activityBucketsCountRecordsErrorsAndRealTimeLagPerBucket() {
        long connection = bareConnection("activity", "active");
        audit.append(List.of(new SyncAuditStore.Entry("activity", connection, "contact-sync", 7L, "s", "inbound",
                        "CONTACT", 9, Map.of("written", 4)),
                new SyncAuditStore.Entry("activity", connection, "contact-sync", 7L, "s", "outbound", "CONTACT", 2,
                        Map.of("written", 2))));
        jdbc.sql("UPDATE crm_sync.sync_audit SET recorded_at = now() - interval '150 minutes' "
                + "WHERE connection_id = :c AND action = 'outbound'").param("c", connection).update();
        error("activity", connection, "hubspot:contact:1", "error", "the CRM refused it: nope");
        jdbc.sql("""
                INSERT INTO crm_sync.change_notices (connection_id, event_id, object_type, change, record_id,
                                                     occurred_at, received_at, applied_at)
                VALUES (:c, 'e1', 'CONTACT', 'UPSERTED', '1', now() - interval '40 seconds', now(), now())""")
                .param("c", connection).update();

        List<ActivityPoint> points = health.activity(connection, Duration.ofHours(6), Duration.ofMinutes(30));

        assertThat(points).hasSize(12);
        ActivityPoint last = points.get(11);
        assertThat(last.recordsIn()).isEqualTo(4);
        assertThat(last.errors()).isEqualTo(1);
        assertThat(last.lagSeconds()).isBetween(39.0, 60.0);
        assertThat(points.stream().mapToLong(ActivityPoint::recordsOut).sum()).isEqualTo(2);
        assertThat(points.subList(0, 11).stream().filter(p -> p.recordsOut() == 2).findFirst().orElseThrow()
                .start()).isBetween(Instant.now().minus(Duration.ofMinutes(181)),
                Instant.now().minus(Duration.ofMinutes(150)));
        assertThat(points.get(0).lagSeconds()).isNull();
        for (int i = 1; i < points.size(); i++) {
            assertThat(Duration.between(points.get(i - 1).start(), points.get(i).start()))
                    .isEqualTo(Duration.ofMinutes(30));
        }
        assertThatThrownBy(() -> health.activity(connection, Duration.ofHours(1), Duration.ofSeconds(10)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("bucketMinutes");
    }
}
