package com.penguinmails.crmsync.database;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
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
public record DatabaseProperties(@Nullable Path dataDir, @DefaultValue("true") boolean platformMigrations) {

    public DatabaseProperties {
        // placeholders are not resolved in @DefaultValue, so the home-relative default is set here
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".crm-sync", "pgdata");
        }
    }

    @Override
    public Path dataDir() {
        return java.util.Objects.requireNonNull(dataDir);
    }
}
