package com.penguinmails.crmsync.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.testing.TestDatabase;
import com.penguinmails.crmsync.testing.TestDatabase.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations on a real PostgreSQL, with the locations {@link FlywayLocationsCustomizer} chooses: they build
 * the schema from nothing, are repeatable, their constraints protect the data, and the platform tables can be left to
 * the platform.
 */
class MigrationsIT {

    private static final String PLATFORM_SQL = "db/migration/platform/V3__penguinmails_platform_tables.sql";

    /** Migrated once for the constraint tests; each of them uses tenants of its own. */
    private static Database migrated;

    @BeforeAll
    static void migrateSharedDatabase() {
        migrated = TestDatabase.create("migrations_constraints");
        flyway(migrated, true).load().migrate();
    }

    @Test
    void migrationsBuildEverySchemaOnAnEmptyDatabaseAndApplyOnlyOnce() throws SQLException {
        // given
        Database db = TestDatabase.create("migrations_empty");
        Flyway flyway = flyway(db, true).load();

        // when
        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();
        ValidateResult validation = flyway.validateWithResult();

        // then
        assertThat(first.migrationsExecuted).isEqualTo(15);
        assertThat(second.migrationsExecuted).isZero();
        assertThat(validation.validationSuccessful).as("validate errors: %s", validation.invalidMigrations).isTrue();
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT schema_name FROM information_schema.schemata"))
                    .contains("penguinmails", "crm_sync");
            assertThat(strings(c, "SELECT upper(table_name) FROM information_schema.tables WHERE table_schema = 'public'"))
                    .contains("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
                            "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT",
                            "TASK_EXECUTION", "TASK_EXECUTION_PARAMS", "TASK_TASK_BATCH", "TASK_LOCK");
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'penguinmails'"))
                    .contains("tenants", "contacts", "companies", "lists", "list_members", "campaigns",
                            "engagement_events");
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm_sync'"))
                    .contains("connections", "credentials", "field_mappings", "record_links", "watermarks",
                            "activity_links", "activity_backlog", "sync_errors", "sync_audit", "api_usage",
                            "webhook_credentials");
            assertThat(strings(c, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
                    .containsExactly("1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "13", "14", "15", "16", "19");
        }
    }

    @Test
    void twoContactsOfATenantCannotShareAnEmailThatDiffersOnlyByCase() throws SQLException {
        try (Connection c = migrated.connect(); Statement st = c.createStatement()) {
            // given
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('case-tenant', 'Case Tenant')");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('case-tenant', 'Ada@x.example')");

            // when / then
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('case-tenant', 'ada@X.example')"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThat(strings(c, "SELECT email FROM penguinmails.contacts WHERE tenant_id = 'case-tenant'"))
                    .containsExactly("Ada@x.example");
        }
    }

    @Test
    void theSameEmailMayBelongToContactsOfDifferentTenants() throws SQLException {
        try (Connection c = migrated.connect(); Statement st = c.createStatement()) {
            // given
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('shared-a', 'A'), ('shared-b', 'B')");

            // when
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES "
                    + "('shared-a', 'grace@x.example'), ('shared-b', 'Grace@x.example')");

            // then
            assertThat(strings(c, "SELECT tenant_id FROM penguinmails.contacts "
                    + "WHERE lower(email) = 'grace@x.example' ORDER BY tenant_id"))
                    .containsExactly("shared-a", "shared-b");
        }
    }

    @Test
    void aContactNeedsAnExistingTenant() throws SQLException {
        try (Connection c = migrated.connect(); Statement st = c.createStatement()) {
            // given no tenant 'missing-tenant'

            // when / then
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('missing-tenant', 'a@x.example')"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            assertThat(strings(c, "SELECT id FROM penguinmails.contacts WHERE tenant_id = 'missing-tenant'")).isEmpty();
        }
    }

    @Test
    void anEngagementEventNeedsAKnownEventType() throws SQLException {
        try (Connection c = migrated.connect(); Statement st = c.createStatement()) {
            // given a contact that can have events
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('event-tenant', 'Event Tenant')");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('event-tenant', 'e@x.example')");
            String event = "INSERT INTO penguinmails.engagement_events "
                    + "(tenant_id, contact_id, message_id, event_type, occurred_at) "
                    + "SELECT 'event-tenant', id, 'msg-1', '%s', now() FROM penguinmails.contacts "
                    + "WHERE tenant_id = 'event-tenant'";
            st.execute(event.formatted("open"));

            // when / then
            assertThatThrownBy(() -> st.execute(event.formatted("forwarded")))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23514"));
            assertThat(strings(c, "SELECT event_type FROM penguinmails.engagement_events "
                    + "WHERE tenant_id = 'event-tenant'")).containsExactly("open");
        }
    }

    @Test
    void withPlatformMigrationsOffTheCommonMigrationsRunOnTheTablesThePlatformOwns() throws Exception {
        // given a database whose penguinmails tables the platform created itself
        Database db = TestDatabase.create("migrations_platform_owned");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(classpathText(PLATFORM_SQL));
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('platform-tenant', 'Platform Tenant')");
        }

        // when
        MigrateResult result = flyway(db, false).load().migrate();

        // then
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(14);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(strings(c, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL "
                    + "ORDER BY installed_rank")).containsExactly("1", "2", "4", "6", "7", "8", "9", "10", "11", "13", "14", "15", "16", "19").doesNotContain("3");
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm_sync'"))
                    .contains("connections", "watermarks");
            assertThat(strings(c, "SELECT id FROM penguinmails.tenants")).containsExactly("platform-tenant");
            // the crm_sync tables reference the platform's tenants
            st.execute("INSERT INTO crm_sync.connections (tenant_id, crm) VALUES ('platform-tenant', 'hubspot')");
            assertThat(strings(c, "SELECT crm FROM crm_sync.connections WHERE tenant_id = 'platform-tenant'"))
                    .containsExactly("hubspot");
        }
    }

    @Test
    void withPlatformMigrationsOffTheChangeCaptureTriggersAreInstalledOnThePlatformsTables() throws Exception {
        // given a database whose penguinmails tables the platform created itself, with a contact
        Database db = TestDatabase.create("migrations_platform_capture");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(classpathText(PLATFORM_SQL));
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('owned', 'Owned')");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('owned', 'old@x.example')");
        }

        // when the common migrations run, and the platform then unsubscribes the contact with plain SQL
        flyway(db, false).load().migrate();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("UPDATE penguinmails.contacts SET consent_status = 'unsubscribed', consent_changed_at = now()");

            // then the triggers exist and the unsubscribe is marked for outbound sync
            assertThat(strings(c, "SELECT tgname || ' on ' || tgrelid::regclass FROM pg_trigger "
                    + "WHERE tgname LIKE 'crm_sync_capture%' ORDER BY 1")).containsExactly(
                    "crm_sync_capture_insert on penguinmails.contacts",
                    "crm_sync_capture_update on penguinmails.companies",
                    "crm_sync_capture_update on penguinmails.contacts");
            assertThat(strings(c, "SELECT array_to_string(reasons, ',') FROM crm_sync.contact_changes"))
                    .containsExactly("captured");

            // and a company renamed marks its contacts (they carry its name), an update that changes no synced
            // column marks nothing
            st.execute("INSERT INTO penguinmails.companies (tenant_id, name) VALUES ('owned', 'Old Name')");
            st.execute("UPDATE penguinmails.contacts SET company_id = (SELECT id FROM penguinmails.companies)");
            st.execute("DELETE FROM crm_sync.contact_changes");
            st.execute("UPDATE penguinmails.contacts SET updated_at = now() + interval '1 second'");
            assertThat(strings(c, "SELECT count(*) FROM crm_sync.contact_changes")).containsExactly("0");
            st.execute("UPDATE penguinmails.companies SET name = 'New Name'");
            assertThat(strings(c, "SELECT count(*) FROM crm_sync.contact_changes")).containsExactly("1");
        }
    }

    @Test
    void whereThePlatformOwnsItsTablesTheSuiteNeedsTheTriggerGrantAndThePlatformsRoleNothingMore() throws Exception {
        // given: penguinmails tables owned by the platform's role; the suite's role may reference them, not more
        Database db = TestDatabase.create("migrations_capture_roles");
        String suffix = Long.toString(System.nanoTime());
        String platform = "platform_" + suffix;
        String suite = "suite_" + suffix;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + platform + " LOGIN");
            st.execute("CREATE ROLE " + suite + " LOGIN");
            st.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO " + platform + ", " + suite);
            st.execute("GRANT CREATE ON SCHEMA public TO " + suite);
            st.execute("SET ROLE " + platform);
            st.execute(classpathText(PLATFORM_SQL));
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('roles', 'Roles')");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('roles', 'r@x.example')");
            st.execute("GRANT USAGE ON SCHEMA penguinmails TO " + suite);
            st.execute("GRANT SELECT, REFERENCES ON ALL TABLES IN SCHEMA penguinmails TO " + suite);
        }
        Database asSuite = new Database(db.url(), suite, "");

        // when the suite migrates without the TRIGGER privilege
        // then it stops, naming the grant it needs
        assertThatThrownBy(() -> flyway(asSuite, false).load().migrate())
                .hasMessageContaining("cannot install the change capture trigger")
                .hasMessageContaining("GRANT TRIGGER ON penguinmails.contacts");

        // when the platform grants it and the suite migrates again
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("GRANT TRIGGER ON penguinmails.contacts, penguinmails.companies, penguinmails.engagement_events TO "
                    + suite);
        }
        assertThat(flyway(asSuite, false).load().migrate().success).isTrue();

        // then the platform's role, with no rights on crm_sync, unsubscribes a contact and it is marked
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + platform);
            st.execute("UPDATE penguinmails.contacts SET consent_status = 'unsubscribed', consent_changed_at = now()");
            st.execute("RESET ROLE");
            assertThat(strings(c, "SELECT array_to_string(reasons, ',') FROM crm_sync.contact_changes"))
                    .containsExactly("captured");
        }
    }

    @Test
    void everyMigrationReinstallsAChangeCaptureTriggerThatWentMissing() throws Exception {
        // given a migrated database whose platform dropped a capture trigger (e.g. recreating its tables)
        Database db = TestDatabase.create("migrations_capture_reinstalled");
        flyway(db, true).load().migrate();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER crm_sync_capture_update ON penguinmails.contacts");
        }

        // when the application starts again (Flyway migrates, nothing new to apply)
        MigrateResult result = flyway(db, true).load().migrate();

        // then the trigger is back and captures
        assertThat(result.migrationsExecuted).isZero();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO penguinmails.tenants (id, name) VALUES ('again', 'Again')");
            st.execute("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('again', 'a@x.example')");
            st.execute("DELETE FROM crm_sync.contact_changes");
            st.execute("UPDATE penguinmails.contacts SET bounce_status = 'hard', bounced_at = now()");
            assertThat(strings(c, "SELECT count(*) FROM crm_sync.contact_changes")).containsExactly("1");
        }
    }

    @Test
    void aDatabaseMigratedWithThePlatformTablesStillValidatesOnceTheyAreSwitchedOff() {
        // given a database migrated with everything (V3 applied), later run where the platform owns the tables
        Database db = TestDatabase.create("migrations_switched_off");
        flyway(db, true).load().migrate();

        // when
        ValidateResult validation = flyway(db, false).load().validateWithResult();
        MigrateResult result = flyway(db, false).load().migrate();

        // then
        assertThat(validation.validationSuccessful).as("%s", validation.getAllErrorMessages()).isTrue();
        assertThat(result.migrationsExecuted).isZero();
    }

    /** Flyway on {@code db} with the locations the application chooses for {@code platformMigrations}. */
    private static FluentConfiguration flyway(Database db, boolean platformMigrations) {
        FluentConfiguration configuration = Flyway.configure().dataSource(db.url(), db.username(), db.password());
        new FlywayLocationsCustomizer(new DatabaseProperties(Path.of("unused"), platformMigrations))
                .customize(configuration);
        return configuration;
    }

    private static String classpathText(String resource) throws IOException {
        try (InputStream in = MigrationsIT.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
