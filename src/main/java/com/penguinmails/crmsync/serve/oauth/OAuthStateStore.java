package com.penguinmails.crmsync.serve.oauth;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.oauth_states}: the authorisations started and not completed, keyed by the SHA-256 hash of their
 * state. {@link #consume} deletes the row as it reads it, so a state is used at most once.
 */
@Repository
@ConditionalOnServe
public class OAuthStateStore {

    /** A started authorisation, as stored. */
    public record Pending(String tenantId, String crm, Actor actor, @Nullable Long connectionId,
                          byte[] verifierSealed, String redirectUri, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    public OAuthStateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a started authorisation, and forgets those expired for a day (their late callbacks find nothing). */
    public void save(byte[] stateHash, Pending pending, String verifierKeyId) {
        jdbc.sql("DELETE FROM crm_sync.oauth_states WHERE expires_at < now() - interval '1 day'").update();
        jdbc.sql("INSERT INTO crm_sync.oauth_states (state_hash, tenant_id, crm, actor, connection_id, "
                        + "verifier_sealed, verifier_key_id, redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(stateHash, pending.tenantId(), pending.crm(), pending.actor().toString(),
                        pending.connectionId(), pending.verifierSealed(), verifierKeyId, pending.redirectUri(),
                        OffsetDateTime.ofInstant(pending.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    /** Takes the authorisation of {@code stateHash} out of the store; empty when unknown or used already. */
    public Optional<Pending> consume(byte[] stateHash) {
        return jdbc.sql("DELETE FROM crm_sync.oauth_states WHERE state_hash = ? RETURNING tenant_id, crm, actor, "
                        + "connection_id, verifier_sealed, redirect_uri, expires_at")
                .param(stateHash)
                .query((rs, n) -> new Pending(rs.getString("tenant_id"), rs.getString("crm"),
                        Actor.parse(rs.getString("actor")), (Long) rs.getObject("connection_id", Long.class),
                        rs.getBytes("verifier_sealed"), rs.getString("redirect_uri"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }
}
