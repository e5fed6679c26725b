package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm_sync.record_links}: which PenguinMails record each CRM record is synced with, read and written a chunk
 * at a time (one statement per call, never a row at a time).
 */
@Repository
public class RecordLinkStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HASHES = new TypeReference<>() { };

    private final JdbcClient jdbc;

    public RecordLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The links of these CRM records, by CRM id. */
    public Map<String, RecordLink> findByCrmIds(long connectionId, ObjectType type, Collection<String> crmIds) {
        Map<String, RecordLink> links = new LinkedHashMap<>();
        if (crmIds.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        SELECT * FROM crm_sync.record_links
                        WHERE connection_id = :c AND object_type = :t AND crm_id = ANY(CAST(:ids AS text[]))""")
                .param("c", connectionId).param("t", type.name()).param("ids", crmIds.toArray(String[]::new))
                .query(RecordLinkStore::link).list()
                .forEach(link -> links.put(link.crmId(), link));
        return links;
    }

    /** The live links of these PenguinMails records, by PenguinMails id. */
    public Map<Long, RecordLink> findLiveByPmIds(long connectionId, ObjectType type, String pmEntity,
                                                 Collection<Long> pmIds) {
        Map<Long, RecordLink> links = new LinkedHashMap<>();
        if (pmIds.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        SELECT * FROM crm_sync.record_links
                        WHERE connection_id = :c AND object_type = :t AND pm_entity = :e
                          AND pm_id = ANY(CAST(:ids AS bigint[])) AND merged_into IS NULL AND deleted_at IS NULL""")
                .param("c", connectionId).param("t", type.name()).param("e", pmEntity)
                .param("ids", pmIds.toArray(Long[]::new))
                .query(RecordLinkStore::link).list()
                .forEach(link -> links.put(link.pmId(), link));
        return links;
    }

    /** The CRM ids of the companies these contacts belong to, for those whose company is linked to the connection. */
    public Map<Long, String> companyCrmIdsOfContacts(long connectionId, Collection<Long> contactIds) {
        Map<Long, String> companies = new HashMap<>();
        if (contactIds.isEmpty()) {
            return companies;
        }
        jdbc.sql("""
                        SELECT c.id, l.crm_id FROM penguinmails.contacts c
                        JOIN crm_sync.record_links l
                          ON l.connection_id = :conn AND l.object_type = 'COMPANY' AND l.pm_entity = 'company'
                         AND l.pm_id = c.company_id AND l.merged_into IS NULL AND l.deleted_at IS NULL
                        WHERE c.id = ANY(CAST(:ids AS bigint[]))""")
                .param("conn", connectionId).param("ids", contactIds.toArray(Long[]::new))
                .query(rs -> {
                    companies.put(rs.getLong(1), rs.getString(2));
                });
        return companies;
    }

    /**
     * Inserts or replaces links, in one statement. A CRM record given twice (a feed may report a merge twice, or a
     * record changed while it was paged) is written once, with its last version.
     */
    public void upsert(List<RecordLink> given) {
        if (given.isEmpty()) {
            return;
        }
        Map<String, RecordLink> unique = new LinkedHashMap<>();
        given.forEach(l -> unique.put(l.connectionId() + "|" + l.objectType() + "|" + l.crmId(), l));
        List<RecordLink> links = List.copyOf(unique.values());
        jdbc.sql("""
                        INSERT INTO crm_sync.record_links (connection_id, object_type, crm_id, pm_entity, pm_id,
                                                           field_hashes, crm_modified_at, merged_into, deleted_at)
                        SELECT * FROM unnest(CAST(:c AS bigint[]), CAST(:t AS text[]), CAST(:crm AS text[]),
                                             CAST(:e AS text[]), CAST(:pm AS bigint[]), CAST(:h AS jsonb[]),
                                             CAST(:m AS timestamptz[]), CAST(:merged AS text[]),
                                             CAST(:deleted AS timestamptz[]))
                        ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE
                           SET pm_entity = EXCLUDED.pm_entity, pm_id = EXCLUDED.pm_id,
                               field_hashes = EXCLUDED.field_hashes, crm_modified_at = EXCLUDED.crm_modified_at,
                               merged_into = EXCLUDED.merged_into, deleted_at = EXCLUDED.deleted_at, synced_at = now()""")
                .param("c", links.stream().map(RecordLink::connectionId).toArray(Long[]::new))
                .param("t", links.stream().map(l -> l.objectType().name()).toArray(String[]::new))
                .param("crm", links.stream().map(RecordLink::crmId).toArray(String[]::new))
                .param("e", links.stream().map(RecordLink::pmEntity).toArray(String[]::new))
                .param("pm", links.stream().map(RecordLink::pmId).toArray(Long[]::new))
                .param("h", links.stream().map(l -> JSON.writeValueAsString(l.fieldHashes())).toArray(String[]::new))
                .param("m", links.stream().map(l -> time(l.crmModifiedAt())).toArray(String[]::new))
                .param("merged", links.stream().map(RecordLink::mergedInto).toArray(String[]::new))
                .param("deleted", links.stream().map(l -> time(l.deletedAt())).toArray(String[]::new))
                .update();
    }

    /**
     * The CRM ids of a connection's live links of {@code type} after {@code after} (in the database's text order;
     * "" for the first), up to {@code upTo} inclusive when given, at most {@code limit}: a slice of what the CRM is
     * asked about when its feed hides deletions.
     */
    public List<String> liveCrmIds(long connectionId, ObjectType type, String after, @Nullable String upTo,
                                   int limit) {
        return jdbc.sql("""
                        SELECT crm_id FROM crm_sync.record_links
                        WHERE connection_id = :c AND object_type = :t AND crm_id > :after
                          AND (CAST(:upTo AS text) IS NULL OR crm_id <= CAST(:upTo AS text))
                          AND merged_into IS NULL AND deleted_at IS NULL
                        ORDER BY crm_id LIMIT :limit""")
                .param("c", connectionId).param("t", type.name()).param("after", after)
                .param("upTo", upTo, java.sql.Types.VARCHAR).param("limit", limit)
                .query(String.class).list();
    }

    /** ISO-8601 text: the driver binds no arrays of date-times, so they travel as text[] and are cast. */
    private static @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static RecordLink link(ResultSet rs, int row) throws SQLException {
        OffsetDateTime modified = rs.getObject("crm_modified_at", OffsetDateTime.class);
        OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
        return new RecordLink(rs.getLong("connection_id"), ObjectType.valueOf(rs.getString("object_type")),
                rs.getString("crm_id"), rs.getString("pm_entity"), rs.getLong("pm_id"),
                JSON.readValue(rs.getString("field_hashes"), HASHES),
                modified == null ? null : modified.toInstant(), rs.getString("merged_into"),
                deleted == null ? null : deleted.toInstant());
    }
}
