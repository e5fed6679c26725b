package com.penguinmails.crmsync.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database settings of the suite ({@code crmsync.database.*}, or {@code CRMSYNC_DATABASE_*} in the environment).
 *
 * @param dataDir             data directory of the embedded PostgreSQL used when no {@code spring.datasource.url} is
 *                            set; it persists between runs so that {@code executions} and {@code restart} see them
 * @param platformMigrations  whether to create the platform-owned {@code penguinmails} tables; turn off where the
 *                            PenguinMails platform already owns them
 */
@ConfigurationProperties("crmsync.database")
public record DatabaseProperties(
        @DefaultValue("${user.home}/.crm-sync/pgdata") Path dataDir,
        @DefaultValue("true") boolean platformMigrations) {
}
