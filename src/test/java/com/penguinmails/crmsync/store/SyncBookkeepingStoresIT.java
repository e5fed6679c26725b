package com.penguinmails.crmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Record links and dead letters, written a chunk per statement. */
class SyncBookkeepingStoresIT {

    private static JdbcClient jdbc;
    private static long connection;
    private static long contactA;
    private static long contactB;

    @BeforeAll
    static void database() {
        TestDatabase.Database db = TestDatabase.create("sync_bookkeeping");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        connection = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm) VALUES ('acme', 'hubspot') RETURNING id")
                .query(Long.class).single();
        contactA = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('acme', 'a@x.example') "
                + "RETURNING id").query(Long.class).single();
        contactB = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('acme', 'b@x.example') "
                + "RETURNING id").query(Long.class).single();
    }

    @Test
    void linksAreWrittenAndReadAChunkAtATimeAndUpsertsReplaceThem() {
        // given
        RecordLinkStore store = new RecordLinkStore(jdbc);
        Instant modified = Instant.parse("2026-11-01T10:00:00Z");
        store.upsert(List.of(
                new RecordLink(connection, ObjectType.CONTACT, "101", "contact", contactA, Map.of("email", "h1"),
                        modified, null, null),
                new RecordLink(connection, ObjectType.CONTACT, "102", "contact", contactB, Map.of(), null, null, null)));

        // when: 102 is merged into 101 in the CRM
        store.upsert(List.of(new RecordLink(connection, ObjectType.CONTACT, "102", "contact", contactB, Map.of(),
                null, "101", modified)));

        // then
        Map<String, RecordLink> byCrm = store.findByCrmIds(connection, ObjectType.CONTACT, List.of("101", "102", "999"));
        assertThat(byCrm).containsOnlyKeys("101", "102");
        assertThat(byCrm.get("101").fieldHashes()).containsEntry("email", "h1");
        assertThat(byCrm.get("101").crmModifiedAt()).isEqualTo(modified);
        assertThat(byCrm.get("102").mergedInto()).isEqualTo("101");
        assertThat(store.findLiveByPmIds(connection, ObjectType.CONTACT, "contact", List.of(contactA, contactB)))
                .containsOnlyKeys(contactA);
    }

    @Test
    void twoProblemsOfOneRecordInOneChunkAreOneErrorNamingBoth() {
        SyncErrorStore errors = new SyncErrorStore(jdbc, com.penguinmails.crmsync.metrics.SyncMetrics.inMemory());
        errors.record(List.of(
                new SyncError("acme", connection, "contact-sync", 3, "hubspot:contact:77", "email", "email is missing",
                        null),
                new SyncError("acme", connection, "contact-sync", 3, "hubspot:contact:77", "phone", "phone is not a "
                        + "phone number", null)));
        SyncError error = errors.open("acme", connection, 50).stream()
                .filter(e -> e.recordKey().equals("hubspot:contact:77")).findFirst().orElseThrow();
        assertThat(error.field()).isEqualTo("email,phone");
        assertThat(error.reason()).isEqualTo("email is missing; phone is not a phone number");
        errors.resolve("contact-sync", "acme", connection, List.of("hubspot:contact:77"));
    }

    @Test
    void aRecordFailingAgainIsOneOpenErrorWithMoreAttemptsUntilItIsResolved() {
        // given
        var metrics = com.penguinmails.crmsync.metrics.SyncMetrics.inMemory();
        SyncErrorStore errors = new SyncErrorStore(jdbc, metrics);
        SyncError first = new SyncError("acme", connection, "contact-sync", 1, "hubspot:contact:55", "email",
                "is not an e-mail address", "{\"id\": \"55\"}");

        // when
        errors.record(List.of(first));
        errors.record(List.of(new SyncError("acme", connection, "contact-sync", 2, "hubspot:contact:55", "phone",
                "is not a phone number", null)));

        // then: each write counted under the category the table derived (the console's group), with its CRM
        assertThat(metrics.registry().find(com.penguinmails.crmsync.metrics.MeterNames.ERRORS)
                .tags("tenant", "acme", "crm", "hubspot", "connection", Long.toString(connection), "kind", "error")
                .counters()).extracting(c -> c.getId().getTag("reason"), c -> c.count())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("invalid_email", 1.0),
                        org.assertj.core.groups.Tuple.tuple("invalid_phone", 1.0));
        List<SyncError> open = errors.open("acme", connection, 10);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).field()).isEqualTo("phone");
        assertThat(jdbc.sql("SELECT attempts FROM crm_sync.sync_errors WHERE record_key = 'hubspot:contact:55'")
                .query(Integer.class).single()).isEqualTo(2);

        // when it syncs
        assertThat(errors.resolve("contact-sync", "acme", connection, List.of("hubspot:contact:55"))).isEqualTo(1);

        // then
        assertThat(errors.open("acme", connection, 10)).isEmpty();
        errors.record(List.of(first));
        assertThat(errors.open("acme", connection, 10)).hasSize(1);
    }

    @Test
    void warningsAreOnePerRecordAndFieldAndResolveOnlyWhenTheirFieldSyncsClean() {
        // given: two warnings of one record (seen twice), and an error of it
        SyncErrorStore errors = new SyncErrorStore(jdbc, com.penguinmails.crmsync.metrics.SyncMetrics.inMemory());
        SyncError phone = new SyncError("acme", connection, "contact-sync", 7, "hubspot:contact:88", "phone",
                "phone is not a phone number", null).asWarning();
        SyncError title = new SyncError("acme", connection, "contact-sync", 7, "hubspot:contact:88", "jobtitle",
                "jobtitle was cut to 10 characters", null).asWarning();
        errors.record(List.of(phone, title, phone));
        errors.record(List.of(phone, new SyncError("acme", connection, "contact-sync", 7, "hubspot:contact:88",
                "email", "email is missing", null)));

        // then
        assertThat(errors.open("acme", connection, 50)).filteredOn(e -> e.recordKey().equals("hubspot:contact:88"))
                .extracting(e -> e.kind() + ":" + e.field())
                .containsExactlyInAnyOrder("WARNING:phone", "WARNING:jobtitle", "ERROR:email");
        assertThat(errors.openByExecution(7)).containsEntry(SyncError.Kind.WARNING, 2L)
                .containsEntry(SyncError.Kind.ERROR, 1L);

        // when: the record syncs, with its job title clean but the phone still bad
        assertThat(errors.resolve("contact-sync", "acme", connection, List.of("hubspot:contact:88"))).isEqualTo(1);
        assertThat(errors.resolveWarnings("contact-sync", "acme", connection,
                java.util.Map.of("hubspot:contact:88", List.of("jobtitle", "email")))).isEqualTo(1);

        // then
        assertThat(errors.open("acme", connection, 50)).filteredOn(e -> e.recordKey().equals("hubspot:contact:88"))
                .extracting(e -> e.kind() + ":" + e.field()).containsExactly("WARNING:phone");
        assertThat(jdbc.sql("SELECT attempts FROM crm_sync.sync_errors WHERE record_key = 'hubspot:contact:88' "
                + "AND field = 'phone'").query(Integer.class).single()).isEqualTo(2);
        errors.resolveWarnings("contact-sync", "acme", connection, java.util.Map.of("hubspot:contact:88",
                List.of("phone")));
    }
}
