package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's real-time part: starts {@code crm-sync serve} in the process (on the demo's database), makes each CRM
 * sandbox deliver its changes to it, edits a few linked people in each CRM as a user and inserts a few engagement
 * events for linked contacts, waits (bounded) until each has arrived on the other side, prints how long that took per
 * CRM and direction (a change that did not arrive in time is reported as such), and stops the service.
 */
final class RealtimeDemo {

    /** Changes played per connection and direction. */
    static final int CHANGES = 3;
    /** How long the demo waits for every change to arrive. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The CRM field of a person's last name (what a user edits), per CRM id. */
    static final Map<String, String> LAST_NAME_FIELD = Map.of("salesforce", "LastName", "hubspot", "lastname",
            "pipedrive", "last_name");

    static final String CRM_TO_PM = "CRM → PenguinMails";
    static final String PM_TO_CRM = "PenguinMails → CRM";

    /** A demo connection: its id, tenant and sandbox, and whether the sandbox delivers to the service. */
    record Connection(long id, String tenant, CrmSandbox sandbox, boolean delivers) {
    }

    /** One change played: where, which way, and the check that it has arrived. */
    private static final class Change {
        final String crm;
        final String direction;
        final BooleanSupplier arrived;
        final long startedNanos = System.nanoTime();
        /** Tenths of a second it took to arrive; -1 until it has. */
        long tenths = -1;

        Change(String crm, String direction, BooleanSupplier arrived) {
            this.crm = crm;
            this.direction = direction;
            this.arrived = arrived;
        }
    }

    private final SpringSession session;
    private final JdbcClient jdbc;
    private final PrintWriter out;

    RealtimeDemo(SpringSession session, PrintWriter out) {
        this.session = session;
        this.jdbc = session.bean(JdbcClient.class);
        this.out = out;
    }

    /** Plays and measures the changes; {@code hubspotClientSecret}: the delivering HubSpot app's (null: none). */
    void run(List<Connection> connections, @Nullable String hubspotClientSecret) {
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("crmsync.serve.port", port);
        settings.put("crmsync.serve.public-url", base);
        settings.put("crmsync.serve.webhook-subscriptions.enabled", "false"); // registered below, before the edits
        settings.put("crmsync.serve.dispatch.polling-interval", "200ms");
        settings.put("crmsync.serve.dispatch.scheduler-name", "demo");
        settings.put("crmsync.serve.outbound.poll-timeout", "PT0.2S");
        settings.put("crmsync.serve.change-stream.claim-interval", "PT1S");
        settings.put("spring.datasource.hikari.pool-name", "crm-sync-demo-serve");
        // the demo service's API takes tokens signed with a secret that lives as long as the demo
        String apiSecret = java.util.HexFormat.of().formatHex(randomBytes());
        settings.put("crmsync.api.jwt-secret", apiSecret);
        if (hubspotClientSecret != null) {
            settings.put("crmsync.serve.hubspot.client-secret", hubspotClientSecret);
        }
        try (ConfigurableApplicationContext service = session.startService(settings)) {
            out.println("started crm-sync serve on " + base);
            WebhookSubscriptionReconciler webhooks = service.getBean(WebhookSubscriptionReconciler.class);
            connections.forEach(connection -> webhooks.reconcile(connection.id())); // the demo's only
            List<CrmSandbox> delivering = connections.stream().filter(Connection::delivers).map(Connection::sandbox)
                    .distinct().toList();
            delivering.forEach(sandbox -> sandbox.deliverChangesTo(base));
            // Salesforce's changes reach the service once its change stream is subscribed
            if (!awaitUntil(() -> delivering.stream().allMatch(CrmSandbox::announcesChanges))) {
                delivering.stream().filter(sandbox -> !sandbox.announcesChanges()).forEach(sandbox -> out.println(
                        sandbox.crm() + " announces no changes to the service after " + DEADLINE.toSeconds()
                                + " s: its users' edits will time out"));
            }
            List<Change> changes = new ArrayList<>();
            for (Connection connection : connections) {
                List<Link> people = linkedPeople(connection.id(), connection.delivers() ? 2 * CHANGES : CHANGES);
                for (int i = 0; i < CHANGES && i < people.size(); i++) {
                    changes.add(engagement(connection, people.get(i).contact(), i));
                }
                if (connection.delivers()) {
                    for (int i = CHANGES; i < people.size(); i++) {
                        changes.add(edit(connection, people.get(i), i));
                    }
                }
            }
            awaitArrivals(changes);
            print(changes);
            new DemoSyncHealth(base, apiSecret).print(out, connections.stream().map(Connection::id).toList());
        }
        out.println("stopped crm-sync serve");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A live linked person of the connection: its contact and CRM id. */
    record Link(long contact, String crmId) {
    }

    private List<Link> linkedPeople(long connection, int n) {
        return jdbc.sql("""
                        SELECT l.pm_id, l.crm_id FROM crm_sync.record_links l
                        JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.object_type = 'CONTACT'
                        AND l.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY l.pm_id LIMIT :n""")
                .param("c", connection).param("n", n)
                .query((rs, row) -> new Link(rs.getLong(1), rs.getString(2))).list();
    }

    /** A user edits the person's last name in the CRM; it has arrived when the contact has it. */
    private Change edit(Connection connection, Link person, int i) {
        String crm = connection.sandbox().crm();
        String name = "Realtime" + connection.id() + "x" + i;
        Change change = new Change(crm, CRM_TO_PM, () -> name.equals(jdbc.sql(
                        "SELECT last_name FROM penguinmails.contacts WHERE id = :id").param("id", person.contact())
                .query(String.class).optional().orElse(null)));
        connection.sandbox().editPersonAsUser(person.crmId(), LAST_NAME_FIELD.getOrDefault(crm, "last_name"), name);
        return change;
    }

    /** The platform records an e-mail sent to the contact; it has arrived when the CRM's activity is linked. */
    private Change engagement(Connection connection, long contact, int i) {
        String message = "realtime-demo-" + connection.id() + "-" + i + "-" + System.currentTimeMillis();
        Change change = new Change(connection.sandbox().crm(), PM_TO_CRM, () -> jdbc.sql("""
                        SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = :c AND activity_key = :k""")
                .param("c", connection.id()).param("k", "pm-m-" + message).query(Long.class).single() > 0);
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type,
                                                                    occurred_at)
                        VALUES (:t, :c, :m, 'sent', :at)""")
                .param("t", connection.tenant()).param("c", contact).param("m", message)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).update();
        return change;
    }

    private static void awaitArrivals(List<Change> changes) {
        List<Change> pending = new ArrayList<>(changes);
        awaitUntil(() -> {
            pending.removeIf(change -> {
                if (!change.arrived.getAsBoolean()) {
                    return false;
                }
                change.tenths = (System.nanoTime() - change.startedNanos) / 100_000_000L;
                return true;
            });
            return pending.isEmpty();
        });
    }

    /** Polls {@code done} every 100 ms for up to {@link #DEADLINE}; whether it came true. */
    private static boolean awaitUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void print(List<Change> changes) {
        out.println();
        Table table = new Table("CRM", "DIRECTION", "CHANGES", "ARRIVED", "SECONDS MIN", "MEDIAN", "MAX");
        Map<List<String>, List<Change>> groups = new LinkedHashMap<>();
        for (Change change : changes) {
            groups.computeIfAbsent(List.of(change.crm, change.direction), k -> new ArrayList<>()).add(change);
        }
        groups.forEach((key, group) -> {
            List<Long> arrived = group.stream().filter(c -> c.tenths >= 0).map(c -> c.tenths).sorted()
                    .toList();
            String arrivals = arrived.size() == group.size() ? Integer.toString(arrived.size())
                    : arrived.size() + " (" + (group.size() - arrived.size()) + " timed out after "
                    + DEADLINE.toSeconds() + " s)";
            table.row(key.get(0), key.get(1), group.size(), arrivals,
                    arrived.isEmpty() ? "-" : seconds(arrived.get(0)),
                    arrived.isEmpty() ? "-" : seconds(arrived.get(arrived.size() / 2)),
                    arrived.isEmpty() ? "-" : seconds(arrived.get(arrived.size() - 1)));
        });
        table.print(out);
    }

    private static String seconds(long tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for crm-sync serve", e);
        }
    }
}
