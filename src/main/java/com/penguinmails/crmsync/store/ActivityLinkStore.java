package com.penguinmails.crmsync.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.activity_links}: which CRM activity records each logged PenguinMails e-mail (or event), with the
 * hash of what was logged, so an unchanged activity is not sent again and a changed one updates its CRM record.
 */
@Repository
public class ActivityLinkStore {

    /** A logged activity; {@code contentHash} is null when the CRM holds it but did not take all of it. */
    public record Link(String activityKey, String crmActivityId, @Nullable String contentHash) {
    }

    private final JdbcClient jdbc;

    public ActivityLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The links of these keys, by key. */
    public Map<String, Link> find(long connectionId, Collection<String> keys) {
        Map<String, Link> links = new HashMap<>();
        if (keys.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        SELECT activity_key, crm_activity_id, content_hash FROM crm_sync.activity_links
                        WHERE connection_id = :c AND activity_key = ANY(CAST(:keys AS text[]))""")
                .param("c", connectionId).param("keys", keys.toArray(String[]::new))
                .query((rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                .forEach(l -> links.put(l.activityKey(), l));
        return links;
    }

    /** Inserts or replaces links, in one statement (the last of a key given twice wins). */
    public void upsert(long connectionId, List<Link> given) {
        if (given.isEmpty()) {
            return;
        }
        Map<String, Link> unique = new LinkedHashMap<>();
        given.forEach(l -> unique.put(l.activityKey(), l));
        List<Link> links = List.copyOf(unique.values());
        jdbc.sql("""
                        INSERT INTO crm_sync.activity_links (connection_id, activity_key, crm_activity_id, content_hash)
                        SELECT :c, * FROM unnest(CAST(:keys AS text[]), CAST(:ids AS text[]), CAST(:hashes AS text[]))
                        ON CONFLICT (connection_id, activity_key) DO UPDATE
                           SET crm_activity_id = EXCLUDED.crm_activity_id, content_hash = EXCLUDED.content_hash,
                               synced_at = now()""")
                .param("c", connectionId)
                .param("keys", links.stream().map(Link::activityKey).toArray(String[]::new))
                .param("ids", links.stream().map(Link::crmActivityId).toArray(String[]::new))
                .param("hashes", links.stream().map(Link::contentHash).toArray(String[]::new))
                .update();
    }
}
