package com.penguinmails.crmsync.credentials;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm_sync.credentials}: a connection's secrets, sealed by {@link CredentialCipher} before they are written.
 * Each save bumps {@code version}, so concurrent refreshes of one connection can tell whose tokens are newest.
 */
@Repository
public class CredentialStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final TransactionTemplate ownTransaction;
    private final WebhookSecretStore webhookSecrets;

    public CredentialStore(JdbcClient jdbc, CredentialCipher cipher, PlatformTransactionManager transactions) {
        this(jdbc, cipher, transactions, new WebhookSecretStore(jdbc, cipher));
    }

    /** @param webhookSecrets re-sealed with the connections' secrets by {@link #rotateKey()} */
    @org.springframework.beans.factory.annotation.Autowired
    public CredentialStore(JdbcClient jdbc, CredentialCipher cipher, PlatformTransactionManager transactions,
                           WebhookSecretStore webhookSecrets) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.webhookSecrets = webhookSecrets;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void save(long connectionId, Credential credential) {
        CredentialCipher.Sealed sealed = cipher.seal(serialize(credential), connectionId);
        jdbc.sql("""
                        INSERT INTO crm_sync.credentials (connection_id, kind, ciphertext, key_id, expires_at)
                        VALUES (:id, :kind, :ciphertext, :keyId, :expiresAt)
                        ON CONFLICT (connection_id) DO UPDATE
                           SET kind = EXCLUDED.kind, ciphertext = EXCLUDED.ciphertext, key_id = EXCLUDED.key_id,
                               expires_at = EXCLUDED.expires_at, version = crm_sync.credentials.version + 1,
                               updated_at = now()""")
                .param("id", connectionId)
                .param("kind", credential.kind())
                .param("ciphertext", sealed.ciphertext())
                .param("keyId", sealed.keyId())
                .param("expiresAt", credential instanceof Credential.OAuth o && o.expiresAt() != null
                        ? OffsetDateTime.ofInstant(o.expiresAt(), ZoneOffset.UTC) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /**
     * Replaces a connection's credentials with what {@code change} makes of them, with the row locked for the whole
     * change: two processes changing one connection's credentials at once (two refreshes) run one after the other,
     * and the second sees the first's result. Returns what is stored afterwards.
     *
     * <p>The change runs in a transaction of its own, committed before this returns, never in the caller's: a token
     * refresh made during a chunk is stored even when the chunk rolls back or the process dies before the chunk
     * commits, so a refresh token the CRM rotated is never lost with the chunk. (It takes a second pooled
     * connection while the caller's chunk holds one.)
     */
    public Credential updateLocked(long connectionId, java.util.function.UnaryOperator<Credential> change) {
        Credential stored = ownTransaction.execute(status -> {
            byte[] ciphertext = jdbc.sql(
                            "SELECT ciphertext FROM crm_sync.credentials WHERE connection_id = :id FOR UPDATE")
                    .param("id", connectionId)
                    .query((rs, n) -> rs.getBytes(1))
                    .optional()
                    .orElseThrow(() -> new CredentialsException("connection " + connectionId + " has no credentials"));
            Credential current = deserialize(cipher.open(ciphertext, connectionId));
            Credential changed = change.apply(current);
            if (!changed.equals(current)) {
                save(connectionId, changed);
            }
            return changed;
        });
        return java.util.Objects.requireNonNull(stored);
    }

    /** Deletes a connection's secrets (on disconnect); returns whether there were any. */
    public boolean delete(long connectionId) {
        return jdbc.sql("DELETE FROM crm_sync.credentials WHERE connection_id = :id").param("id", connectionId)
                .update() > 0;
    }

    /** The kind and token expiry of each connection's credentials, without opening them (for listings). */
    public Map<Long, String> describeAll() {
        Map<Long, String> described = new TreeMap<>();
        jdbc.sql("SELECT connection_id, kind, expires_at FROM crm_sync.credentials").query(rs -> {
            OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
            described.put(rs.getLong(1), rs.getString(2) + (expires == null ? "" : " until " + expires.toInstant()));
        });
        return described;
    }

    public Optional<Credential> find(long connectionId) {
        return jdbc.sql("SELECT ciphertext FROM crm_sync.credentials WHERE connection_id = :id")
                .param("id", connectionId)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(ciphertext -> deserialize(cipher.open(ciphertext, connectionId)));
    }

    /** What a key rotation did: credentials re-sealed, and those that could not be opened (left as they were). */
    public record Rotation(String newKeyId, int resealed, List<Long> unreadable) {
    }

    /**
     * Rotates the key: a new primary key seals every credential (and every webhook secret) again; then, if every one could be opened and
     * re-sealed, the old keys are disabled. A credential that cannot be opened is reported and keeps its old key,
     * which then stays enabled.
     */
    @Transactional
    public Rotation rotateKey() {
        String newKey = cipher.addPrimaryKey();
        List<Long> ids = jdbc.sql("SELECT connection_id FROM crm_sync.credentials ORDER BY connection_id FOR UPDATE")
                .query(Long.class).list();
        List<Long> unreadable = new java.util.ArrayList<>();
        int resealed = 0;
        for (long id : ids) {
            try {
                Optional<Credential> credential = find(id);
                if (credential.isPresent()) {
                    save(id, credential.get());
                    resealed++;
                }
            } catch (CredentialsException e) {
                unreadable.add(id);
            }
        }
        WebhookSecretStore.Resealed webhooks = webhookSecrets.resealAll();
        resealed += webhooks.resealed();
        webhooks.unreadable().stream().filter(id -> !unreadable.contains(id)).forEach(unreadable::add);
        if (unreadable.isEmpty()) {
            cipher.disableOldKeys();
        }
        return new Rotation(newKey, resealed, List.copyOf(unreadable));
    }

    static String serialize(Credential credential) {
        Map<String, @Nullable Object> fields = new TreeMap<>();
        if (credential instanceof Credential.OAuth o) {
            fields.put("accessToken", o.accessToken());
            fields.put("refreshToken", o.refreshToken());
            fields.put("expiresAt", o.expiresAt() == null ? null : o.expiresAt().toString());
            fields.put("instanceUrl", o.instanceUrl());
            fields.put("clientId", o.clientId());
            fields.put("clientSecret", o.clientSecret());
            fields.put("scope", o.scope());
        } else if (credential instanceof Credential.ApiToken t) {
            fields.put("token", t.token());
        }
        fields.put("kind", credential.kind());
        return JSON.writeValueAsString(fields);
    }

    static Credential deserialize(String json) {
        JsonNode node = JSON.readTree(json);
        return switch (node.get("kind").asString()) {
            case "oauth2" -> new Credential.OAuth(text(node, "accessToken"), optional(node, "refreshToken"),
                    Optional.ofNullable(optional(node, "expiresAt")).map(Instant::parse).orElse(null),
                    optional(node, "instanceUrl"), text(node, "clientId"), text(node, "clientSecret"),
                    optional(node, "scope"));
            case "api_token" -> new Credential.ApiToken(text(node, "token"));
            default -> throw new CredentialsException("unknown credential kind " + node.get("kind"));
        };
    }

    private static String text(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw new CredentialsException("stored credentials lack " + field);
        }
        return value;
    }

    private static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
