package com.penguinmails.crmsync.credentials;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.webhook_credentials}: the HTTP Basic auth user and password a CRM (Pipedrive) is given for its webhook
 * deliveries to one connection, generated at random ({@link SecureRandom}) the first time they are needed and sealed
 * by {@link CredentialCipher} in a scope of their own, so their ciphertext never opens as the connection's CRM secrets.
 */
@Repository
public class WebhookSecretStore {

    /** The cipher scope of these secrets: the table's name. */
    static final String SCOPE = "crm_sync.webhook_credentials";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;

    public WebhookSecretStore(JdbcClient jdbc, CredentialCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A Basic auth user and password; {@link #toString()} hides the password. */
    public record Secret(String user, String password) {

        @Override
        public String toString() {
            return "Secret[user=" + user + ", password=(hidden)]";
        }
    }

    /** What re-sealing every secret with the primary key did (see {@link CredentialStore#rotateKey()}). */
    public record Resealed(int resealed, List<Long> unreadable) {
    }

    /**
     * The connection's secret, generated and stored when it has none yet. Two processes asking at once agree: the first
     * insert wins and both return what it stored.
     */
    public Secret findOrCreate(long connectionId) {
        return find(connectionId).orElseGet(() -> create(connectionId));
    }

    private Secret create(long connectionId) {
        Secret fresh = generate();
        CredentialCipher.Sealed sealed = cipher.seal(serialize(fresh), connectionId, SCOPE);
        jdbc.sql("""
                        INSERT INTO crm_sync.webhook_credentials (connection_id, ciphertext, key_id)
                        VALUES (:id, :ciphertext, :keyId) ON CONFLICT (connection_id) DO NOTHING""")
                .param("id", connectionId).param("ciphertext", sealed.ciphertext()).param("keyId", sealed.keyId())
                .update();
        return find(connectionId).orElseThrow(() -> new CredentialsException(
                "the webhook credentials of connection " + connectionId + " were deleted while being created"));
    }

    public Optional<Secret> find(long connectionId) {
        return jdbc.sql("SELECT ciphertext FROM crm_sync.webhook_credentials WHERE connection_id = :id")
                .param("id", connectionId)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(ciphertext -> deserialize(cipher.open(ciphertext, connectionId, SCOPE), connectionId));
    }

    /** Deletes the connection's secret (on disconnect); returns whether it had one. */
    public boolean delete(long connectionId) {
        return jdbc.sql("DELETE FROM crm_sync.webhook_credentials WHERE connection_id = :id")
                .param("id", connectionId).update() > 0;
    }

    /**
     * Seals every secret again with the cipher's primary key, rows locked; a secret that cannot be opened keeps its
     * old ciphertext and is reported. Runs in the caller's transaction.
     */
    public Resealed resealAll() {
        List<Long> ids = jdbc.sql(
                        "SELECT connection_id FROM crm_sync.webhook_credentials ORDER BY connection_id FOR UPDATE")
                .query(Long.class).list();
        List<Long> unreadable = new ArrayList<>();
        int resealed = 0;
        for (long id : ids) {
            try {
                Optional<Secret> secret = find(id);
                if (secret.isPresent()) {
                    CredentialCipher.Sealed sealed = cipher.seal(serialize(secret.get()), id, SCOPE);
                    jdbc.sql("""
                                    UPDATE crm_sync.webhook_credentials
                                       SET ciphertext = :ciphertext, key_id = :keyId, updated_at = now()
                                     WHERE connection_id = :id""")
                            .param("id", id).param("ciphertext", sealed.ciphertext()).param("keyId", sealed.keyId())
                            .update();
                    resealed++;
                }
            } catch (CredentialsException e) {
                unreadable.add(id);
            }
        }
        return new Resealed(resealed, List.copyOf(unreadable));
    }

    /** A user {@code crm-sync-<8 hex>} and a password of 32 random bytes (base64url, no padding). */
    static Secret generate() {
        byte[] user = new byte[4];
        byte[] password = new byte[32];
        RANDOM.nextBytes(user);
        RANDOM.nextBytes(password);
        return new Secret("crm-sync-" + HexFormat.of().formatHex(user),
                Base64.getUrlEncoder().withoutPadding().encodeToString(password));
    }

    private static String serialize(Secret secret) {
        // the user never holds ':' (Basic auth would split there), so the first ':' separates the two
        return secret.user() + ":" + secret.password();
    }

    private static Secret deserialize(String plaintext, long connectionId) {
        int colon = plaintext.indexOf(':');
        if (colon < 0) {
            throw new CredentialsException("the webhook credentials of connection " + connectionId + " are damaged");
        }
        return new Secret(plaintext.substring(0, colon), plaintext.substring(colon + 1));
    }
}
