package com.penguinmails.crmsync.store;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's lists as the contact sync keeps them, a chunk per statement: each connection's static list of the
 * contacts it imported, and one segment list per tag ({@code kind='segment'}, {@code segment_rule={"tag": ...}}) whose
 * members are the contacts carrying that tag. Writes that change nothing touch no row.
 */
@Repository
public class ListMembershipStore {

    /** The name of the segment list a tag creates ({@code tag: vip}). */
    public static String segmentName(String tag) {
        return "tag: " + tag;
    }

    private final JdbcClient jdbc;

    public ListMembershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the tenant's static list called {@code name}, created the first time it is asked for. */
    public long staticList(String tenantId, String name) {
        jdbc.sql("""
                        INSERT INTO penguinmails.lists (tenant_id, name, kind) VALUES (:t, :n, 'static')
                        ON CONFLICT (tenant_id, name) DO NOTHING""")
                .param("t", tenantId).param("n", name).update();
        return jdbc.sql("SELECT id FROM penguinmails.lists WHERE tenant_id = :t AND name = :n")
                .param("t", tenantId).param("n", name).query(Long.class).single();
    }

    /** The id of the tenant's static list called {@code name}, if it exists. */
    public java.util.Optional<Long> findList(String tenantId, String name) {
        return jdbc.sql("SELECT id FROM penguinmails.lists WHERE tenant_id = :t AND name = :n")
                .param("t", tenantId).param("n", name).query(Long.class).optional();
    }

    /** Those of {@code contactIds} that are members of at least one of the tenant's lists {@code listIds}. */
    public java.util.Set<Long> membersOf(String tenantId, Collection<Long> listIds, Collection<Long> contactIds) {
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT DISTINCT m.contact_id FROM penguinmails.list_members m
                        JOIN penguinmails.lists l ON l.id = m.list_id AND l.tenant_id = :t
                        WHERE m.list_id = ANY(CAST(:lists AS bigint[])) AND m.contact_id = ANY(CAST(:ids AS bigint[]))""")
                .param("t", tenantId)
                .param("lists", listIds.toArray(Long[]::new))
                .param("ids", contactIds.toArray(Long[]::new))
                .query(Long.class).list());
    }

    /** Those of {@code listIds} that are not lists of the tenant. */
    public List<Long> missingLists(String tenantId, Collection<Long> listIds) {
        return jdbc.sql("""
                        SELECT wanted.id FROM unnest(CAST(:lists AS bigint[])) AS wanted(id)
                        WHERE NOT EXISTS (SELECT 1 FROM penguinmails.lists l
                                          WHERE l.id = wanted.id AND l.tenant_id = :t)
                        ORDER BY wanted.id""")
                .param("t", tenantId)
                .param("lists", listIds.toArray(Long[]::new))
                .query(Long.class).list();
    }

    /** Adds the contacts to the list (those already in it stay as they are); returns how many were added. */
    public int add(long listId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO penguinmails.list_members (list_id, contact_id)
                        SELECT :l, id FROM unnest(CAST(:ids AS bigint[])) AS id
                        ON CONFLICT DO NOTHING""")
                .param("l", listId).param("ids", contactIds.toArray(Long[]::new)).update();
    }

    /** Removes the contacts from the list; returns how many were in it. */
    public int remove(long listId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM penguinmails.list_members WHERE list_id = :l "
                        + "AND contact_id = ANY(CAST(:ids AS bigint[]))")
                .param("l", listId).param("ids", contactIds.toArray(Long[]::new)).update();
    }

    /** The tags among {@code tags} that have no segment list in the tenant yet. */
    public List<String> tagsWithoutSegment(String tenantId, Collection<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT tag FROM unnest(CAST(:tags AS text[])) AS tag
                        WHERE NOT EXISTS (SELECT 1 FROM penguinmails.lists l WHERE l.tenant_id = :t
                                            AND l.kind = 'segment' AND l.segment_rule ->> 'tag' = tag)
                        ORDER BY tag""")
                .param("t", tenantId).param("tags", tags.toArray(String[]::new)).query(String.class).list();
    }

    /**
     * Creates a segment list for each tag the contacts carry that has none yet, then makes the contacts' membership
     * of tag segments match their tags: added where a tag is carried, removed where it is not any more. Returns the
     * number of memberships added and removed.
     */
    public int syncTagSegments(String tenantId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        Long[] ids = contactIds.toArray(Long[]::new);
        jdbc.sql("""
                        INSERT INTO penguinmails.lists (tenant_id, name, kind, segment_rule)
                        SELECT :t, 'tag: ' || t.tag, 'segment', jsonb_build_object('tag', t.tag)
                        FROM (SELECT DISTINCT unnest(c.tags) AS tag FROM penguinmails.contacts c
                              WHERE c.tenant_id = :t AND c.id = ANY(CAST(:ids AS bigint[]))) t
                        WHERE NOT EXISTS (SELECT 1 FROM penguinmails.lists l WHERE l.tenant_id = :t
                                            AND l.kind = 'segment' AND l.segment_rule ->> 'tag' = t.tag)
                        ON CONFLICT (tenant_id, name) DO NOTHING""")
                .param("t", tenantId).param("ids", ids).update();
        int removed = jdbc.sql("""
                        DELETE FROM penguinmails.list_members m
                        USING penguinmails.lists l, penguinmails.contacts c
                        WHERE m.list_id = l.id AND m.contact_id = c.id AND l.tenant_id = :t AND l.kind = 'segment'
                          AND l.segment_rule ->> 'tag' IS NOT NULL AND c.id = ANY(CAST(:ids AS bigint[]))
                          AND (c.deleted_at IS NOT NULL OR NOT (l.segment_rule ->> 'tag' = ANY(c.tags)))""")
                .param("t", tenantId).param("ids", ids).update();
        int added = jdbc.sql("""
                        INSERT INTO penguinmails.list_members (list_id, contact_id)
                        SELECT l.id, c.id FROM penguinmails.contacts c
                        CROSS JOIN LATERAL unnest(c.tags) AS t(tag)
                        JOIN penguinmails.lists l ON l.tenant_id = c.tenant_id AND l.kind = 'segment'
                                                 AND l.segment_rule ->> 'tag' = t.tag
                        WHERE c.tenant_id = :t AND c.id = ANY(CAST(:ids AS bigint[])) AND c.deleted_at IS NULL
                        ON CONFLICT DO NOTHING""")
                .param("t", tenantId).param("ids", ids).update();
        return removed + added;
    }

    /**
     * Moves every list membership of contact {@code from} to contact {@code to} (the CRM merged them): the lists
     * {@code from} was in now hold {@code to}. Returns how many memberships moved.
     */
    public int moveMemberships(long from, long to) {
        jdbc.sql("""
                        INSERT INTO penguinmails.list_members (list_id, contact_id)
                        SELECT list_id, :to FROM penguinmails.list_members WHERE contact_id = :from
                        ON CONFLICT DO NOTHING""")
                .param("from", from).param("to", to).update();
        return jdbc.sql("DELETE FROM penguinmails.list_members WHERE contact_id = :from")
                .param("from", from).update();
    }
}
