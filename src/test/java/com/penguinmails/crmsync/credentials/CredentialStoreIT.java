package com.penguinmails.crmsync.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Credentials at rest: sealed, bound to their connection, never in clear in the database, and key rotation. */
@SpringBootTest
class CredentialStoreIT {

    static final Path KEYSET;

    static {
        try {
            KEYSET = Files.createTempDirectory("crm-sync-keyset").resolve("keyset.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "credentials");
        registry.add("crmsync.credentials.keyset-file", KEYSET::toString);
        registry.add("crmsync.credentials.generate-missing", () -> "true");
    }

    @Autowired
    CredentialStore store;
    @Autowired
    CredentialCipher cipher;
    @Autowired
    JdbcClient jdbc;

    long first;
    long second;

    @BeforeEach
    void connections() {
        jdbc.sql("DELETE FROM crm_sync.credentials").update();
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme') ON CONFLICT DO NOTHING").update();
        first = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm, account_ref) VALUES ('acme', 'hubspot', "
                + "gen_random_uuid()::text) RETURNING id").query(Long.class).single();
        second = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm, account_ref) VALUES ('acme', 'pipedrive', "
                + "gen_random_uuid()::text) RETURNING id").query(Long.class).single();
    }

    private static Credential.OAuth oauth(String access) {
        return new Credential.OAuth(access, "refresh-secret-" + access, Instant.parse("2026-11-24T10:00:00Z"),
                "https://acme.my.example", "client-1", "client-secret-value", "api refresh_token");
    }

    @Test
    void savedCredentialsComeBackAsTheyWereAndTheDatabaseHoldsOnlyCiphertext() throws Exception {
        // when
        store.save(first, oauth("access-token-value"));
        store.save(second, new Credential.ApiToken("pipedrive-api-token-value"));

        // then
        assertThat(store.find(first)).contains(oauth("access-token-value"));
        assertThat(store.find(second)).contains(new Credential.ApiToken("pipedrive-api-token-value"));
        List<byte[]> rows = jdbc.sql("SELECT ciphertext FROM crm_sync.credentials").query((rs, n) -> rs.getBytes(1)).list();
        for (byte[] row : rows) {
            String asText = new String(row, StandardCharsets.ISO_8859_1);
            assertThat(asText).doesNotContain("access-token-value", "refresh-secret", "client-secret-value",
                    "pipedrive-api-token-value");
        }
        assertThat(jdbc.sql("SELECT key_id FROM crm_sync.credentials WHERE connection_id = :id").param("id", first)
                .query(String.class).single()).isEqualTo(cipher.primaryKeyId()).startsWith("tink:");
        assertThat(Files.getPosixFilePermissions(KEYSET)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aCiphertextCopiedOntoAnotherConnectionDoesNotOpen() {
        // given
        store.save(first, oauth("token-a"));
        store.save(second, new Credential.ApiToken("token-b"));

        // when: someone copies connection A's ciphertext onto B's row
        jdbc.sql("UPDATE crm_sync.credentials SET ciphertext = (SELECT ciphertext FROM crm_sync.credentials "
                + "WHERE connection_id = :a) WHERE connection_id = :b").param("a", first).param("b", second).update();

        // then
        assertThatThrownBy(() -> store.find(second)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("connection " + second);
    }

    @Test
    void savingAgainBumpsTheVersion() {
        store.save(first, oauth("one"));
        store.save(first, oauth("two"));
        assertThat(jdbc.sql("SELECT version FROM crm_sync.credentials WHERE connection_id = :id").param("id", first)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(store.find(first)).contains(oauth("two"));
    }

    @Test
    void rotatingTheKeyResealsEveryCredentialUnderANewKeyAndTheyStillOpen() {
        // given
        store.save(first, oauth("before-rotation"));
        store.save(second, new Credential.ApiToken("api-before-rotation"));
        String oldKey = cipher.primaryKeyId();

        // when
        CredentialStore.Rotation rotation = store.rotateKey();

        // then
        assertThat(rotation.resealed()).isEqualTo(2);
        assertThat(rotation.unreadable()).isEmpty();
        String newKey = cipher.primaryKeyId();
        assertThat(newKey).isEqualTo(rotation.newKeyId()).isNotEqualTo(oldKey);
        assertThat(jdbc.sql("SELECT DISTINCT key_id FROM crm_sync.credentials").query(String.class).list())
                .containsExactly(newKey);
        assertThat(store.find(first)).contains(oauth("before-rotation"));
        assertThat(store.find(second)).contains(new Credential.ApiToken("api-before-rotation"));
    }

    @Test
    void aRotationReportsACredentialItCannotOpenAndKeepsItsKeyUsable() {
        // given: a row sealed for another connection (corrupt), and a good one
        store.save(first, oauth("good"));
        store.save(second, new Credential.ApiToken("moved"));
        jdbc.sql("UPDATE crm_sync.credentials SET ciphertext = (SELECT ciphertext FROM crm_sync.credentials "
                + "WHERE connection_id = :a) WHERE connection_id = :b").param("a", first).param("b", second).update();

        // when
        CredentialStore.Rotation rotation = store.rotateKey();

        // then: the good one moved to the new key, the bad one is named and left as it was
        assertThat(rotation.resealed()).isEqualTo(1);
        assertThat(rotation.unreadable()).containsExactly(second);
        assertThat(store.find(first)).contains(oauth("good"));
        assertThat(jdbc.sql("SELECT key_id FROM crm_sync.credentials WHERE connection_id = :id").param("id", first)
                .query(String.class).single()).isEqualTo(rotation.newKeyId());
    }

    @Test
    void credentialsNeverShowTheirSecretsWhenPrinted() {
        assertThat(oauth("visible?").toString()).doesNotContain("visible?", "refresh-secret", "client-secret-value");
        assertThat(new Credential.ApiToken("tok-123").toString()).doesNotContain("tok-123");
    }

    @Test
    void aConfiguredKeysetThatDoesNotExistIsAClearErrorNotANewKey(@org.junit.jupiter.api.io.TempDir Path dir) {
        CredentialCipher missing = new CredentialCipher(new CredentialsProperties(dir.resolve("absent.json"), null));
        assertThatThrownBy(() -> missing.seal("x", 1)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("absent.json").hasMessageContaining("does not exist");
        assertThat(dir.resolve("absent.json")).doesNotExist();
    }
}
