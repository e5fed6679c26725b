package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retries and ignores a connection's open errors, each call in one transaction with its audit row
 * ({@code sync-errors.retried}, {@code sync-errors.ignored}: the ids done, the reason, how many were done and skipped).
 * A retry queues outbound contacts ({@code penguinmails:contact:<id>} that still exist) for the next push by marking
 * them changed ({@code retry}); the error stays open until the record syncs. CRM records coming in and e-mails'
 * activities cannot be queued: they are skipped with a note saying what brings them back.
 */
@Service
class JdbcSyncErrorActions implements SyncErrorActions {

    static final String OUTBOUND_CONTACT = "penguinmails:contact:";
    static final String OUTBOUND_EMAIL = "penguinmails:email:";
    static final String RETRIED = "sync-errors.retried";
    static final String IGNORED = "sync-errors.ignored";

    private final JdbcClient jdbc;
    private final ContactSyncStore contacts;
    private final ContactChangeStore changes;
    private final SyncAuditStore audit;

    JdbcSyncErrorActions(JdbcClient jdbc, ContactSyncStore contacts, ContactChangeStore changes,
                         SyncAuditStore audit) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.changes = changes;
        this.audit = audit;
    }

    /** An open error of the connection. */
    private record Open(long id, String recordKey) {
    }

    @Override
    @Transactional
    public Outcome retry(Actor actor, long connectionId, Collection<Long> errorIds) {
        Set<Long> ids = new LinkedHashSet<>(errorIds);
        return retried(actor, connectionId, open(connectionId, ids, null), ids.size(), null);
    }

    @Override
    @Transactional
    public Outcome retryReason(Actor actor, long connectionId, String reason) {
        List<Open> open = open(connectionId, null, reason);
        return retried(actor, connectionId, open, open.size(), reason);
    }

    @Override
    @Transactional
    public Outcome ignore(Actor actor, long connectionId, Collection<Long> errorIds) {
        Set<Long> ids = new LinkedHashSet<>(errorIds);
        return ignored(actor, connectionId, open(connectionId, ids, null), ids.size(), null);
    }

    @Override
    @Transactional
    public Outcome ignoreReason(Actor actor, long connectionId, String reason) {
        List<Open> open = open(connectionId, null, reason);
        return ignored(actor, connectionId, open, open.size(), reason);
    }

    private Outcome retried(Actor actor, long connectionId, List<Open> open, int asked, @Nullable String reason) {
        String tenant = tenantOf(connectionId);
        Map<Long, Long> contactByError = new LinkedHashMap<>();
        open.forEach(e -> {
            Long contact = contactId(e.recordKey());
            if (contact != null) {
                contactByError.put(e.id(), contact);
            }
        });
        Set<Long> existing = contacts.findByIds(tenant, contactByError.values()).keySet();
        changes.markChanged(tenant, existing, "retry");
        List<Long> done = contactByError.entrySet().stream().filter(e -> existing.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
        List<String> notes = new ArrayList<>();
        if (!done.isEmpty()) {
            notes.add(done.size() + " outbound contact(s) queued: the next contact-sync run sends them again; "
                    + "their errors stay open until they sync");
        }
        if (contactByError.size() > done.size()) {
            notes.add((contactByError.size() - done.size()) + " contact(s) no longer exist: ignore their errors");
        }
        long emails = open.stream().filter(e -> e.recordKey().startsWith(OUTBOUND_EMAIL)).count();
        if (emails > 0) {
            notes.add(emails + " e-mail activit(ies) need no retry: every engagement-sync run retries them");
        }
        long inbound = open.size() - contactByError.size() - emails;
        if (inbound > 0) {
            notes.add(inbound + " CRM record(s) coming in are read again when they change in the CRM, or by "
                    + "'backfill --connection " + connectionId + "'");
        }
        return audited(actor, tenant, connectionId, RETRIED, reason, done, asked, notes);
    }

    private Outcome ignored(Actor actor, long connectionId, List<Open> open, int asked, @Nullable String reason) {
        String tenant = tenantOf(connectionId);
        List<Long> done = jdbc.sql("""
                        UPDATE crm_sync.sync_errors SET status = 'ignored'
                        WHERE status = 'open' AND connection_id = :connection AND id = ANY(CAST(:ids AS bigint[]))
                        RETURNING id""")
                .param("connection", connectionId)
                .param("ids", open.stream().map(Open::id).toArray(Long[]::new))
                .query(Long.class).list();
        return audited(actor, tenant, connectionId, IGNORED, reason, done.stream().sorted().toList(), asked,
                List.of());
    }

    private Outcome audited(Actor actor, String tenant, long connectionId, String action, @Nullable String reason,
                            List<Long> done, int asked, List<String> notes) {
        Outcome outcome = new Outcome(done.size(), asked - done.size(), notes, done);
        Map<String, Object> details = new LinkedHashMap<>();
        if (reason != null) {
            details.put("reason", reason);
        }
        details.put("ids", done);
        details.put("done", outcome.done());
        details.put("skipped", outcome.skipped());
        audit.recordChange(actor, tenant, connectionId, action, details);
        return outcome;
    }

    /** The connection's open errors among {@code ids}, or of category {@code reason}, by id. */
    private List<Open> open(long connectionId, @Nullable Set<Long> ids, @Nullable String reason) {
        return jdbc.sql("""
                        SELECT id, record_key FROM crm_sync.sync_errors
                        WHERE connection_id = :connection AND status = 'open'
                          AND (:anyId OR id = ANY(CAST(:ids AS bigint[])))
                          AND (CAST(:reason AS text) IS NULL OR category = :reason)
                        ORDER BY id FOR UPDATE""")
                .param("connection", connectionId)
                .param("anyId", ids == null)
                .param("ids", ids == null ? new Long[0] : ids.toArray(Long[]::new))
                .param("reason", reason, java.sql.Types.VARCHAR)
                .query((rs, n) -> new Open(rs.getLong(1), rs.getString(2)))
                .list();
    }

    private String tenantOf(long connectionId) {
        return jdbc.sql("SELECT tenant_id FROM crm_sync.connections WHERE id = :id").param("id", connectionId)
                .query(String.class).optional()
                .orElseThrow(() -> new InvalidRequestException("no connection " + connectionId));
    }

    private static @Nullable Long contactId(String recordKey) {
        if (!recordKey.startsWith(OUTBOUND_CONTACT)) {
            return null;
        }
        try {
            return Long.parseLong(recordKey.substring(OUTBOUND_CONTACT.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
