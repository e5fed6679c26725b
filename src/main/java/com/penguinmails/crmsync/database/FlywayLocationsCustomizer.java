package com.penguinmails.crmsync.database;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Chooses the migrations: {@code db/migration/common} (Spring Batch, Spring Cloud Task and {@code crm_sync} tables)
 * always, {@code db/migration/platform} (the platform-owned {@code penguinmails} tables) unless
 * {@code crmsync.database.platform-migrations=false}.
 */
@Component
class FlywayLocationsCustomizer implements FlywayConfigurationCustomizer {

    private final DatabaseProperties properties;

    FlywayLocationsCustomizer(DatabaseProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        if (properties.platformMigrations()) {
            configuration.locations("classpath:db/migration/common", "classpath:db/migration/platform");
        } else {
            // a database migrated earlier with the platform tables still validates: V3 is applied, not resolved here
            configuration.locations("classpath:db/migration/common")
                    .ignoreMigrationPatterns("*:future", "versioned:missing");
        }
    }
}
