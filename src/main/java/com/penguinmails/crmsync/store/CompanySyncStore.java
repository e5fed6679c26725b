package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.PmCompany;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * PenguinMails companies as the contact sync reads and writes them, a chunk per statement: found by id or by domain
 * within a tenant, inserted and updated in bulk, and soft-deleted once no CRM record is linked to them any more (the
 * row stays, so contacts that point at it keep a valid reference).
 */
@Repository
public class CompanySyncStore {

    /**
     * One company to write.
     *
     * @param id the company to update, or null to insert one
     */
    public record CompanyWrite(@Nullable Long id, String name, @Nullable String domain) {
    }

    private static final String COLUMNS = "id, name, domain, updated_at, deleted_at IS NOT NULL AS deleted";

    private final JdbcClient jdbc;

    public CompanySyncStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Companies by id, soft-deleted ones included (their flag says so). */
    public Map<Long, PmCompany> findByIds(String tenantId, Collection<Long> ids) {
        Map<Long, PmCompany> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM penguinmails.companies "
                            + "WHERE tenant_id = :t AND id = ANY(CAST(:ids AS bigint[]))")
                    .param("t", tenantId).param("ids", ids.toArray(Long[]::new))
                    .query(CompanySyncStore::company).list().forEach(c -> found.put(c.id(), c));
        }
        return found;
    }

    /** Companies by (lower-case) domain, soft-deleted ones included. */
    public Map<String, PmCompany> findByDomains(String tenantId, Collection<String> domains) {
        Map<String, PmCompany> found = new LinkedHashMap<>();
        if (!domains.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM penguinmails.companies "
                            + "WHERE tenant_id = :t AND domain = ANY(CAST(:d AS text[]))")
                    .param("t", tenantId)
                    .param("d", domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                    .query(CompanySyncStore::company).list()
                    .forEach(c -> found.put(java.util.Objects.requireNonNull(c.domain()), c));
        }
        return found;
    }

    /**
     * Updates the companies that have an id and inserts the others, two statements in all; a domain another company
     * of the tenant already holds is kept on that one (the inserted or updated company gets none). Returns the ids of
     * the writes, in their order.
     */
    public List<Long> write(String tenantId, List<CompanyWrite> writes) {
        List<CompanyWrite> updates = writes.stream().filter(w -> w.id() != null).toList();
        List<CompanyWrite> inserts = writes.stream().filter(w -> w.id() == null).toList();
        if (!updates.isEmpty()) {
            jdbc.sql("""
                            UPDATE penguinmails.companies c
                               SET name = w.name,
                                   domain = CASE WHEN w.domain IS NULL OR NOT EXISTS (
                                                SELECT 1 FROM penguinmails.companies o
                                                WHERE o.tenant_id = c.tenant_id AND o.domain = w.domain
                                                  AND o.id <> c.id) THEN w.domain ELSE c.domain END,
                                   deleted_at = NULL, updated_at = now()
                              FROM unnest(CAST(:id AS bigint[]), CAST(:name AS text[]), CAST(:domain AS text[]))
                                   AS w(id, name, domain)
                             WHERE c.id = w.id AND c.tenant_id = :t""")
                    .param("t", tenantId)
                    .param("id", updates.stream().map(CompanyWrite::id).toArray(Long[]::new))
                    .param("name", updates.stream().map(CompanyWrite::name).toArray(String[]::new))
                    .param("domain", updates.stream().map(CompanyWrite::domain).toArray(String[]::new))
                    .update();
        }
        Map<Integer, Long> inserted = new LinkedHashMap<>();
        if (!inserts.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO penguinmails.companies (tenant_id, name, domain)
                            SELECT :t, w.name,
                                   CASE WHEN w.domain IS NULL OR EXISTS (
                                            SELECT 1 FROM penguinmails.companies o
                                            WHERE o.tenant_id = :t AND o.domain = w.domain)
                                          OR w.ord <> min(w.ord) OVER (PARTITION BY w.domain)
                                        THEN NULL ELSE w.domain END
                            FROM unnest(CAST(:name AS text[]), CAST(:domain AS text[])) WITH ORDINALITY
                                 AS w(name, domain, ord)
                            ORDER BY w.ord
                            RETURNING id""")
                    .param("t", tenantId)
                    .param("name", inserts.stream().map(CompanyWrite::name).toArray(String[]::new))
                    .param("domain", inserts.stream().map(CompanyWrite::domain).toArray(String[]::new))
                    // identities are drawn in insertion order, so ascending ids follow the writes' order
                    .query(Long.class).list().stream().sorted().forEach(id -> inserted.put(inserted.size(), id));
        }
        List<Long> ids = new java.util.ArrayList<>();
        int next = 0;
        for (CompanyWrite w : writes) {
            ids.add(w.id() != null ? w.id() : inserted.get(next++));
        }
        return ids;
    }

    /**
     * Soft-deletes those of the companies that no CRM record of any connection is linked to any more; returns how many.
     */
    public int softDeleteUnlinked(String tenantId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE penguinmails.companies c SET deleted_at = now(), updated_at = now()
                        WHERE c.tenant_id = :t AND c.id = ANY(CAST(:ids AS bigint[])) AND c.deleted_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l
                                          WHERE l.pm_entity = 'company' AND l.pm_id = c.id
                                            AND l.merged_into IS NULL AND l.deleted_at IS NULL)""")
                .param("t", tenantId).param("ids", ids.toArray(Long[]::new)).update();
    }

    /** Points the contacts of company {@code from} at company {@code to} (the CRM merged them); returns how many. */
    public int moveContacts(String tenantId, long from, long to) {
        return jdbc.sql("UPDATE penguinmails.contacts SET company_id = :to, updated_at = now() "
                        + "WHERE tenant_id = :t AND company_id = :from")
                .param("t", tenantId).param("from", from).param("to", to).update();
    }

    private static PmCompany company(ResultSet rs, int row) throws SQLException {
        return new PmCompany(rs.getLong("id"), rs.getString("name"), rs.getString("domain"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getBoolean("deleted"));
    }
}
