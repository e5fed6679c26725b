package com.penguinmails.crmsync.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds realistic, deterministic demo data inside PostgreSQL (a handful of set-based statements per tenant, so a
 * million events take seconds): companies on reserved {@code .example} domains, contacts with tags, a static list
 * and a segment, campaigns and their engagement events, and the consent and bounce state those events imply.
 * Randomness is a hash of the seed and stable names, never of generated ids, so the same plan gives the same data.
 */
@Component
public class DemoDataSeeder {

    private final JdbcClient jdbc;

    public DemoDataSeeder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Seeds every tenant of the plan that does not exist yet; returns the ids it seeded. */
    @Transactional
    public List<String> seed(DemoPlan plan) {
        List<String> seeded = new ArrayList<>();
        for (String tenant : plan.tenants()) {
            int created = jdbc.sql("""
                            INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :name)
                            ON CONFLICT (id) DO NOTHING""")
                    .param("id", tenant)
                    .param("name", displayName(tenant))
                    .update();
            if (created == 1) {
                seedTenant(tenant, plan);
                seeded.add(tenant);
            }
        }
        return seeded;
    }

    private void seedTenant(String tenant, DemoPlan plan) {
        String seed = plan.seed() + ":" + tenant + ":";
        int companies = Math.max(1, plan.contactsPerTenant() / 25);
        jdbc.sql("""
                        INSERT INTO penguinmails.companies (tenant_id, name, domain)
                        SELECT :tenant, w.a || ' ' || w.b || ' ' || g, lower(w.a || w.b || g) || '.example'
                        FROM generate_series(1, :companies) g,
                        LATERAL (SELECT (ARRAY['Blue','Iron','North','Bright','Quantum','Silver','Rapid','Green',
                                               'Atlas','Summit'])[1 + abs(hashtext(:seed || 'ca' || g)) % 10] AS a,
                                        (ARRAY['Logistics','Foods','Analytics','Health','Systems','Energy','Media',
                                               'Robotics','Capital','Labs'])[1 + abs(hashtext(:seed || 'cb' || g)) % 10] AS b) w
                        ORDER BY g""")
                .param("tenant", tenant).param("seed", seed).param("companies", companies)
                .update();
        jdbc.sql("""
                        WITH co AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(domain ORDER BY id) AS domains
                                    FROM penguinmails.companies WHERE tenant_id = :tenant)
                        INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name, job_title, phone,
                                                           company_id, tags)
                        SELECT :tenant,
                               lower(n.first) || '.' || lower(n.last) || '.' || g || '@' || co.domains[n.company_no],
                               n.first, n.last, n.title,
                               '+1' || (2012000000 + abs(hashtext(:seed || 'ph' || g)) % 7000000000)::text,
                               co.ids[n.company_no],
                               array_remove(ARRAY[CASE WHEN abs(hashtext(:seed || 'tv' || g)) % 10 = 0 THEN 'vip' END,
                                                  CASE WHEN abs(hashtext(:seed || 'tn' || g)) % 10 < 3
                                                       THEN 'newsletter' END], NULL)
                        FROM co, generate_series(1, :contacts) g
                        CROSS JOIN LATERAL (
                            SELECT (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Radia',
                                          'Tim','Margaret','Linus','Hedy','John','Katherine','Dennis','Lynn','Niklaus',
                                          'Sophie','Vint'])[1 + abs(hashtext(:seed || 'fn' || g)) % 20] AS first,
                                   (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson',
                                          'Perlman','Lee','Hamilton','Torvalds','Lamarr','Backus','Johnson','Ritchie',
                                          'Conway','Wirth','Wilson','Cerf'])[1 + abs(hashtext(:seed || 'ln' || g)) % 20] AS last,
                                   (ARRAY['CEO','CTO','VP Sales','Marketing Manager','Engineer','Buyer','Office Manager',
                                          'Head of Growth'])[1 + abs(hashtext(:seed || 'ti' || g)) % 8] AS title,
                                   1 + abs(hashtext(:seed || 'co' || g)) % :companies AS company_no) n
                        ORDER BY g""")
                .param("tenant", tenant).param("seed", seed).param("contacts", plan.contactsPerTenant())
                .param("companies", companies)
                .update();
        jdbc.sql("""
                        INSERT INTO penguinmails.lists (tenant_id, name, kind, segment_rule) VALUES
                            (:tenant, 'Newsletter', 'static', NULL),
                            (:tenant, 'VIP customers', 'segment', '{"tag": "vip"}'::jsonb)""")
                .param("tenant", tenant)
                .update();
        jdbc.sql("""
                        INSERT INTO penguinmails.list_members (list_id, contact_id)
                        SELECT l.id, c.id FROM penguinmails.lists l
                        JOIN penguinmails.contacts c ON c.tenant_id = l.tenant_id
                        WHERE l.tenant_id = :tenant AND (
                              (l.name = 'Newsletter' AND 'newsletter' = ANY(c.tags))
                           OR (l.name = 'VIP customers' AND 'vip' = ANY(c.tags)))""")
                .param("tenant", tenant)
                .update();
        jdbc.sql("""
                        INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at)
                        SELECT :tenant, 'Campaign ' || g,
                               (ARRAY['Your November update','New features inside','Invitation: product webinar',
                                      'Case study: faster onboarding','Last chance: early pricing',
                                      'What customers asked us'])[1 + (g - 1) % 6],
                               CAST(:anchor AS timestamptz) - ((:campaigns - g) * interval '9 days') - interval '3 hours'
                        FROM generate_series(1, :campaigns) g
                        ORDER BY g""")
                .param("tenant", tenant).param("campaigns", plan.campaignsPerTenant())
                .param("anchor", OffsetDateTime.ofInstant(plan.anchor(), ZoneOffset.UTC))
                .update();
        // sends to every contact; about half of the sends draw further events, at realistic rates relative to sends
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                    event_type, occurred_at, url)
                        SELECT c.tenant_id, c.id, cp.id, 'msg-' || cp.id || '-' || c.id, e.type,
                               cp.sent_at + e.delay + (abs(hashtext(:seed || c.email || cp.name || e.type)) % 3600)
                                                      * interval '1 second',
                               CASE WHEN e.type = 'click' THEN 'https://www.penguinmails.example/offers/' || cp.id END
                        FROM penguinmails.campaigns cp
                        JOIN penguinmails.contacts c ON c.tenant_id = cp.tenant_id
                        CROSS JOIN (VALUES (1, 'sent', interval '0', 1000),
                                           (2, 'open', interval '2 hours', 420),
                                           (3, 'click', interval '3 hours', 110),
                                           (4, 'reply', interval '1 day', 25),
                                           (5, 'bounce', interval '5 minutes', 8),
                                           (6, 'unsubscribe', interval '2 days', 4)) AS e(ord, type, delay, permille)
                        WHERE cp.tenant_id = :tenant
                          AND abs(hashtext(:seed || c.email || cp.name || e.type)) % 1000 < e.permille
                        ORDER BY cp.sent_at, c.id, e.ord""")
                .param("tenant", tenant).param("seed", seed)
                .update();
        jdbc.sql("""
                        UPDATE penguinmails.contacts c
                           SET consent_status = 'unsubscribed', consent_changed_at = u.at
                          FROM (SELECT contact_id, max(occurred_at) AS at FROM penguinmails.engagement_events
                                WHERE tenant_id = :tenant AND event_type = 'unsubscribe' GROUP BY contact_id) u
                         WHERE c.id = u.contact_id""")
                .param("tenant", tenant)
                .update();
        jdbc.sql("""
                        UPDATE penguinmails.contacts c
                           SET bounce_status = 'hard', bounced_at = b.at, bounce_reason = '550 5.1.1 mailbox unavailable'
                          FROM (SELECT contact_id, min(occurred_at) AS at FROM penguinmails.engagement_events
                                WHERE tenant_id = :tenant AND event_type = 'bounce' GROUP BY contact_id) b
                         WHERE c.id = b.contact_id""")
                .param("tenant", tenant)
                .update();
    }

    static String displayName(String tenantId) {
        StringBuilder name = new StringBuilder();
        for (String word : tenantId.split("[-_]")) {
            if (!word.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ")
                        .append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }
}
