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
            c.bounce_status, c.bounce_reason, c.lead_score, c.custom::text AS custom, c.updated_at,
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
                        WHERE c.tenant_id = :t AND lower(c.email) = ANY(CAST(:emails AS text[]))""")
                .param("t", tenantId)
                .param("emails", emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .query(ContactSyncStore::contact).list()
                .forEach(c -> found.put(c.email().toLowerCase(Locale.ROOT), c));
        return found;
    }

    /** One contact's values to write; the e-mail is its key within the tenant. */
    public record ContactWrite(String email, @Nullable String firstName, @Nullable String lastName,
                               @Nullable String phone, @Nullable String jobTitle, boolean unsubscribed,
                               Map<String, @Nullable Object> custom) {
    }

    /**
     * Inserts new contacts and updates existing ones (by e-mail) in one statement; returns their ids by lower-cased
     * e-mail. A contact deleted in PenguinMails earlier is brought back.
     */
    public Map<String, Long> upsert(String tenantId, List<ContactWrite> writes) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (writes.isEmpty()) {
            return ids;
        }
        jdbc.sql("""
                        INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name, phone, job_title,
                                                           consent_status, consent_changed_at, custom)
                        SELECT :t, w.email, w.first_name, w.last_name, w.phone, w.job_title,
                               CASE WHEN w.unsubscribed THEN 'unsubscribed' ELSE 'subscribed' END,
                               CASE WHEN w.unsubscribed THEN now() END, w.custom
                        FROM unnest(CAST(:email AS text[]), CAST(:first AS text[]), CAST(:last AS text[]),
                                    CAST(:phone AS text[]), CAST(:title AS text[]), CAST(:unsub AS boolean[]),
                                    CAST(:custom AS jsonb[]))
                             AS w(email, first_name, last_name, phone, job_title, unsubscribed, custom)
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
                               deleted_at = NULL, updated_at = now()
                        RETURNING lower(email), id""")
                .param("t", tenantId)
                .param("email", writes.stream().map(ContactWrite::email).toArray(String[]::new))
                .param("first", writes.stream().map(ContactWrite::firstName).toArray(String[]::new))
                .param("last", writes.stream().map(ContactWrite::lastName).toArray(String[]::new))
                .param("phone", writes.stream().map(ContactWrite::phone).toArray(String[]::new))
                .param("title", writes.stream().map(ContactWrite::jobTitle).toArray(String[]::new))
                .param("unsub", writes.stream().map(ContactWrite::unsubscribed).toArray(Boolean[]::new))
                .param("custom", writes.stream().map(w -> JSON.writeValueAsString(w.custom())).toArray(String[]::new))
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
        values.put("phone", rs.getString("phone"));
        values.put("job_title", rs.getString("job_title"));
        values.put("company_name", rs.getString("company_name"));
        values.put("company_domain", rs.getString("company_domain"));
        values.put("unsubscribed", "unsubscribed".equals(rs.getString("consent_status")));
        values.put("bounced", "hard".equals(rs.getString("bounce_status")));
        values.put("bounce_reason", rs.getString("bounce_reason"));
        values.put("lead_score", rs.getInt("lead_score"));
        JSON.readValue(rs.getString("custom"), CUSTOM).forEach((k, v) -> values.put("custom." + k, v));
        return new PmContact(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("email"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), values);
    }
}
