package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.PmContact;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * PenguinMails contacts as the contact sync reads and writes them, a chunk per statement: found by id or by e-mail
 * (case-insensitive), and upserted by e-mail within a tenant. Consent is sticky here too, as a last guard: an
 * unsubscribed contact stays unsubscribed whatever a write says.
 */
@Repository
public class ContactSyncStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> CUSTOM = new TypeReference<>() { };
    private static final String COLUMNS = """
            c.id, c.tenant_id, c.email, c.first_name, c.last_name, c.phone, c.job_title, c.consent_status,
            c.bounce_status, c.bounce_reason, c.lead_score, c.custom::text AS custom, c.updated_at, c.tags, c.company_id,
            co.name AS company_name, co.domain AS company_domain""";

    private final JdbcClient jdbc;

    public ContactSyncStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, PmContact> findByIds(String tenantId, Collection<Long> ids) {
        Map<Long, PmContact> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT " + COLUMNS + """
                         FROM penguinmails.contacts c LEFT JOIN penguinmails.companies co ON co.id = c.company_id
                        WHERE c.tenant_id = :t AND c.id = ANY(CAST(:ids AS bigint[])) AND c.deleted_at IS NULL""")
                .param("t", tenantId).param("ids", ids.toArray(Long[]::new))
                .query(ContactSyncStore::contact).list()
                .forEach(c -> found.put(c.id(), c));
        return found;
    }

    /** Contacts by lower-cased e-mail. */
    public Map<String, PmContact> findByEmails(String tenantId, Collection<String> emails) {
        Map<String, PmContact> found = new LinkedHashMap<>();
        if (emails.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT " + COLUMNS + """
                         FROM penguinmails.contacts c LEFT JOIN penguinmails.companies co ON co.id = c.company_id
                        WHERE c.tenant_id = :t AND lower(c.email) = ANY(CAST(:emails AS text[]))
                          AND c.deleted_at IS NULL""")
                .param("t", tenantId)
                .param("emails", emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .query(ContactSyncStore::contact).list()
                .forEach(c -> found.put(c.email().toLowerCase(Locale.ROOT), c));
        return found;
    }

    /**
     * Which of these contacts (by id) or e-mail addresses (lower-cased) belong to contacts deleted in PenguinMails.
     */
    public record Deleted(java.util.Set<Long> ids, java.util.Set<String> emails) {
    }

    public Deleted findDeleted(String tenantId, Collection<Long> ids, Collection<String> emails) {
        java.util.Set<Long> deletedIds = new java.util.HashSet<>();
        java.util.Set<String> deletedEmails = new java.util.HashSet<>();
        if (ids.isEmpty() && emails.isEmpty()) {
            return new Deleted(deletedIds, deletedEmails);
        }
        jdbc.sql("""
                        SELECT id, lower(email) AS email FROM penguinmails.contacts
                        WHERE tenant_id = :t AND deleted_at IS NOT NULL
                          AND (id = ANY(CAST(:ids AS bigint[])) OR lower(email) = ANY(CAST(:emails AS text[])))""")
                .param("t", tenantId).param("ids", ids.toArray(Long[]::new))
                .param("emails", emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .query(rs -> {
                    deletedIds.add(rs.getLong("id"));
                    deletedEmails.add(rs.getString("email"));
                });
        return new Deleted(deletedIds, deletedEmails);
    }

    /**
     * Which contacts of the tenant hold these addresses (lower-cased), soft-deleted ones included: an address stays
     * taken while its deleted contact keeps it.
     */
    public Map<String, Long> holdersOf(String tenantId, Collection<String> emails) {
        Map<String, Long> holders = new LinkedHashMap<>();
        if (emails.isEmpty()) {
            return holders;
        }
        jdbc.sql("""
                        SELECT lower(email) AS email, id FROM penguinmails.contacts
                        WHERE tenant_id = :t AND lower(email) = ANY(CAST(:emails AS text[]))""")
                .param("t", tenantId)
                .param("emails", emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .query(rs -> {
                    holders.put(rs.getString("email"), rs.getLong("id"));
                });
        return holders;
    }

    /**
     * Gives contacts (by id) new addresses, in one statement. Bounce state belongs to an address, so a contact whose
     * address changes is no longer bounced ({@code bounce_status} none, its date and reason cleared); consent stays
     * with the person. Callers make sure no other contact of the tenant holds a new address.
     */
    public int changeAddresses(String tenantId, Map<Long, String> newAddresses) {
        if (newAddresses.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE penguinmails.contacts c
                           SET email = n.email, bounce_status = 'none', bounced_at = NULL, bounce_reason = NULL,
                               updated_at = now()
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:emails AS text[])) AS n(id, email)
                         WHERE c.tenant_id = :t AND c.id = n.id AND lower(c.email) <> lower(n.email)""")
                .param("t", tenantId)
                .param("ids", newAddresses.keySet().toArray(Long[]::new))
                .param("emails", newAddresses.values().toArray(String[]::new))
                .update();
    }

    /**
     * Soft-deletes ({@code deleted_at = now()}) those of the contacts that no CRM record of any connection is linked
     * to any more; their engagement history stays. Returns the ids deleted.
     */
    public List<Long> softDeleteUnlinked(String tenantId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE penguinmails.contacts c SET deleted_at = now(), updated_at = now()
                        WHERE c.tenant_id = :t AND c.id = ANY(CAST(:ids AS bigint[])) AND c.deleted_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l
                                          WHERE l.pm_entity = 'contact' AND l.pm_id = c.id
                                            AND l.merged_into IS NULL AND l.deleted_at IS NULL)
                        RETURNING c.id""")
                .param("t", tenantId).param("ids", ids.toArray(Long[]::new)).query(Long.class).list();
    }

    /**
     * One contact's values to write; the e-mail is its key within the tenant.
     *
     * @param tags      the contact's tags (all of them: they replace the stored ones)
     * @param companyId the contact's company, null for none
     */
    public record ContactWrite(String email, @Nullable String firstName, @Nullable String lastName,
                               @Nullable String phone, @Nullable String jobTitle, boolean unsubscribed,
                               Map<String, @Nullable Object> custom, List<String> tags, @Nullable Long companyId) {

        public ContactWrite {
            tags = List.copyOf(tags);
        }
    }

    /**
     * Inserts new contacts and updates existing ones (by e-mail) in one statement; returns their ids by lower-cased
     * e-mail. A contact deleted in PenguinMails stays deleted: callers leave such contacts out (see
     * {@link #findDeleted}).
     */
    public Map<String, Long> upsert(String tenantId, List<ContactWrite> writes) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (writes.isEmpty()) {
            return ids;
        }
        jdbc.sql("""
                        INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name, phone, job_title,
                                                           consent_status, consent_changed_at, custom, tags,
                                                           company_id)
                        SELECT :t, w.email, w.first_name, w.last_name, w.phone, w.job_title,
                               CASE WHEN w.unsubscribed THEN 'unsubscribed' ELSE 'subscribed' END,
                               CASE WHEN w.unsubscribed THEN now() END, w.custom,
                               ARRAY(SELECT jsonb_array_elements_text(w.tags)), w.company_id
                        FROM unnest(CAST(:email AS text[]), CAST(:first AS text[]), CAST(:last AS text[]),
                                    CAST(:phone AS text[]), CAST(:title AS text[]), CAST(:unsub AS boolean[]),
                                    CAST(:custom AS jsonb[]), CAST(:tags AS jsonb[]), CAST(:company AS bigint[]))
                             AS w(email, first_name, last_name, phone, job_title, unsubscribed, custom, tags,
                                  company_id)
                        ON CONFLICT (tenant_id, lower(email)) DO UPDATE
                           SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                               phone = EXCLUDED.phone, job_title = EXCLUDED.job_title,
                               consent_status = CASE WHEN penguinmails.contacts.consent_status = 'unsubscribed'
                                                     THEN 'unsubscribed' ELSE EXCLUDED.consent_status END,
                               consent_changed_at = CASE
                                   WHEN penguinmails.contacts.consent_status <> EXCLUDED.consent_status
                                    AND penguinmails.contacts.consent_status <> 'unsubscribed'
                                   THEN now() ELSE penguinmails.contacts.consent_changed_at END,
                               custom = penguinmails.contacts.custom || EXCLUDED.custom,
                               tags = EXCLUDED.tags, company_id = EXCLUDED.company_id, updated_at = now()
                        RETURNING lower(email), id""")
                .param("t", tenantId)
                .param("email", writes.stream().map(ContactWrite::email).toArray(String[]::new))
                .param("first", writes.stream().map(ContactWrite::firstName).toArray(String[]::new))
                .param("last", writes.stream().map(ContactWrite::lastName).toArray(String[]::new))
                .param("phone", writes.stream().map(ContactWrite::phone).toArray(String[]::new))
                .param("title", writes.stream().map(ContactWrite::jobTitle).toArray(String[]::new))
                .param("unsub", writes.stream().map(ContactWrite::unsubscribed).toArray(Boolean[]::new))
                .param("custom", writes.stream().map(w -> JSON.writeValueAsString(w.custom())).toArray(String[]::new))
                .param("tags", writes.stream().map(w -> JSON.writeValueAsString(w.tags())).toArray(String[]::new))
                .param("company", writes.stream().map(ContactWrite::companyId).toArray(Long[]::new))
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    private static PmContact contact(ResultSet rs, int row) throws SQLException {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        values.put("email", rs.getString("email"));
        values.put("first_name", rs.getString("first_name"));
        values.put("last_name", rs.getString("last_name"));
        values.put("full_name", fullName(rs.getString("first_name"), rs.getString("last_name"), rs.getString("email")));
        values.put("phone", rs.getString("phone"));
        values.put("job_title", rs.getString("job_title"));
        values.put("company_name", rs.getString("company_name"));
        values.put("company_domain", rs.getString("company_domain"));
        values.put("company_id", rs.getObject("company_id", Long.class));
        values.put("tags", List.of((String[]) rs.getArray("tags").getArray()));
        values.put("unsubscribed", "unsubscribed".equals(rs.getString("consent_status")));
        values.put("bounced", "hard".equals(rs.getString("bounce_status")));
        values.put("bounce_reason", rs.getString("bounce_reason"));
        values.put("lead_score", rs.getInt("lead_score"));
        JSON.readValue(rs.getString("custom"), CUSTOM).forEach((k, v) -> values.put("custom." + k, v));
        return new PmContact(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("email"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), values);
    }

    /** First and last name joined; the e-mail when both are blank (a CRM that requires a name gets one). */
    static String fullName(@Nullable String first, @Nullable String last, String email) {
        String joined = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
        return joined.isEmpty() ? email : joined;
    }
}
