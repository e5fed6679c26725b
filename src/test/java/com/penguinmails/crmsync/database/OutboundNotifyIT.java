package com.penguinmails.crmsync.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import com.penguinmails.crmsync.testing.TestDatabase.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * V15's triggers on a real PostgreSQL: engagement events and contact marks notify {@code crm_sync_outbound} with the
 * ids of the active connections that have something to push, once per connection and statement, when the transaction
 * commits; echoes of a connection's inbound writes do not wake that connection, re-marks of refused contacts wake
 * none, and no payload carries anything but ids.
 */
class OutboundNotifyIT {

    private static Database db;
    private static long hubspot;
    private static long pipedrive;
    private static long disabled;
    private static long contact;

    private Connection listener;
    private Connection writer;

    @BeforeAll
    static void migrate() throws SQLException {
        db = TestDatabase.create("outbound_notify");
        FluentConfiguration configuration = Flyway.configure().dataSource(db.url(), db.username(), db.password());
        new FlywayLocationsCustomizer(new DatabaseProperties(Path.of("unused"), true)).customize(configuration);
        configuration.load().migrate();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme'), ('other', 'Other')");
            hubspot = id(st, "INSERT INTO crm_sync.connections (tenant_id, crm) VALUES ('acme', 'hubspot') RETURNING id");
            pipedrive = id(st, "INSERT INTO crm_sync.connections (tenant_id, crm) VALUES ('acme', 'pipedrive') "
                    + "RETURNING id");
            disabled = id(st, "INSERT INTO crm_sync.connections (tenant_id, crm, status) "
                    + "VALUES ('acme', 'salesforce', 'disabled') RETURNING id");
            id(st, "INSERT INTO crm_sync.connections (tenant_id, crm) VALUES ('other', 'hubspot') RETURNING id");
            contact = id(st, "INSERT INTO penguinmails.contacts (tenant_id, email, first_name) "
                    + "VALUES ('acme', 'ann@acme.example', 'Ann') RETURNING id");
        }
    }

    @BeforeEach
    void listen() throws SQLException {
        listener = db.connect();
        try (Statement st = listener.createStatement()) {
            st.execute("LISTEN crm_sync_outbound");
        }
        writer = db.connect();
        received(); // what the set-up sent
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
        writer.close();
    }

    @Test
    void engagementEventsNotifyEachActiveConnectionOfTheirTenantOnceAtCommitWithTheFirstNewEventId() throws Exception {
        // given: a transaction inserting two events, not committed yet
        writer.setAutoCommit(false);
        long first;
        try (Statement st = writer.createStatement()) {
            first = id(st, """
                    INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type, occurred_at)
                    VALUES ('acme', %d, 'm1', 'sent', now()), ('acme', %d, 'm1', 'open', now()) RETURNING id"""
                    .formatted(contact, contact));
        }
        assertThat(received()).isEmpty();

        // when
        writer.commit();

        // then: the tenant's active connections, not the disabled one nor the other tenant's
        assertThat(received()).containsExactlyInAnyOrder("engagement:" + hubspot + ":" + first,
                "engagement:" + pipedrive + ":" + first);
    }

    @Test
    void aContactChangeWakesEveryActiveConnectionOfItsTenantAndAnEchoNotTheConnectionItEchoes() throws Exception {
        // when the platform unsubscribes the contact with plain SQL
        try (Statement st = writer.createStatement()) {
            st.execute("UPDATE penguinmails.contacts SET consent_status = 'unsubscribed', consent_changed_at = now() "
                    + "WHERE id = " + contact);
        }
        // then
        assertThat(received()).containsExactlyInAnyOrder("contacts:" + hubspot, "contacts:" + pipedrive);

        // when HubSpot's inbound step writes a new contact (an echo of its CRM)
        writer.setAutoCommit(false);
        try (Statement st = writer.createStatement()) {
            st.execute("SELECT set_config('crm_sync.capture', 'crm-echo:" + hubspot + "', true)");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('acme', 'bo@acme.example')");
        }
        writer.commit();
        // then only the tenant's other connection is woken
        assertThat(received()).containsExactly("contacts:" + pipedrive);
    }

    @Test
    void reMarksOfRefusedContactsWakeNoOneWhileOtherMarksStillDo() throws Exception {
        // when an outbound writer marks a refused contact for the next run's retry
        writer.setAutoCommit(false);
        try (Statement st = writer.createStatement()) {
            st.execute("SELECT set_config('crm_sync.notify', 'off', true)");
            st.execute("INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons) VALUES (" + contact
                    + ", 'acme', ARRAY['retry']) ON CONFLICT (contact_id) DO UPDATE SET changed_at = now()");
            st.execute("SELECT set_config('crm_sync.notify', '', true)");
        }
        writer.commit();
        // then
        assertThat(received()).isEmpty();

        // when lead-score marks it in a transaction of its own
        writer.setAutoCommit(true);
        try (Statement st = writer.createStatement()) {
            st.execute("INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons) VALUES (" + contact
                    + ", 'acme', ARRAY['lead_score']) ON CONFLICT (contact_id) DO UPDATE SET changed_at = now()");
        }
        // then
        assertThat(received()).containsExactlyInAnyOrder("contacts:" + hubspot, "contacts:" + pipedrive);
    }

    /** The payloads that arrived (waiting a moment for them). */
    private List<String> received() throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(500);
        while (notifications != null && notifications.length > 0) {
            for (PGNotification n : notifications) {
                assertThat(n.getName()).isEqualTo("crm_sync_outbound");
                assertThat(n.getParameter()).matches("(engagement:\\d+:\\d+|contacts:\\d+)");
                payloads.add(n.getParameter());
            }
            notifications = listener.unwrap(PGConnection.class).getNotifications(200);
        }
        return payloads;
    }

    private static long id(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
