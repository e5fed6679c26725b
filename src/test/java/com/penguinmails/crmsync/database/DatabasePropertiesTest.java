package com.penguinmails.crmsync.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabasePropertiesTest {

    @Test
    void theEmbeddedDataDirectoryDefaultsToTheUsersHome() {
        assertThat(new DatabaseProperties(null, true).dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".crm-sync", "pgdata"));
    }

    @Test
    void aConfiguredDataDirectoryWins() {
        assertThat(new DatabaseProperties(Path.of("/srv/pg"), true).dataDir()).isEqualTo(Path.of("/srv/pg"));
    }
}
