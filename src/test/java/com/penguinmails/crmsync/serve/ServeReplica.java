package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.connector.fake.FakeCrm;
import com.penguinmails.crmsync.connector.fake.FakeCrmProvider;
import com.penguinmails.crmsync.connector.fake.FakeCrmWebhooks;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.serve.dispatch.NoticeApplier;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One replica of {@code crm-sync serve} in the test JVM: the application's web context with dispatch switched on and
 * tuned fast, on a shared test database, with {@link RecordingInbound} in place of contact-sync's real-time apply and
 * two fake CRMs that deliver webhooks ({@link #SIGNED} per app, {@link #BASIC} per connection); or, from
 * {@link #startService}, the service as it runs, with nothing stood in for (the end-to-end tests).
 */
final class ServeReplica implements AutoCloseable {

    /** A fake CRM that signs its deliveries (HubSpot-like) with {@link #APP_SECRET}. */
    static final CrmKind SIGNED = CrmKind.of("fakesigned");
    /** A fake CRM that delivers to one address per connection with Basic auth (Pipedrive-like). */
    static final CrmKind BASIC = CrmKind.of("fakebasic");
    static final String APP_SECRET = "test-app-secret";
    /** The Basic auth password every connection's webhooks get (user: the connection id). */
    static final String WEBHOOK_PASSWORD = "hook-password";
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    /** The stand-in applying notices; null in a replica from {@link #startService} (contact-sync's own apply). */
    final @Nullable RecordingInbound inbound;
    final ConfigurableApplicationContext context;
    final int port;

    private ServeReplica(String name, @Nullable RecordingInbound inbound, ConfigurableApplicationContext context) {
        this.name = name;
        this.inbound = inbound;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static ServeReplica start(TestDatabase.Database db, Path keyset, String name, RecordingInbound inbound,
                              Map<String, Object> extra) {
        FakeCrm crm = new FakeCrm();
        return start(db, keyset, name, inbound, extra, ctx -> {
            GenericApplicationContext beans = (GenericApplicationContext) ctx;
            beans.registerBean("recordingInbound", NoticeApplier.class, () -> inbound,
                    definition -> definition.setPrimary(true));
            beans.registerBean("fakeSignedProvider", FakeCrmProvider.class, () -> new FakeCrmProvider(crm,
                    SIGNED, new FakeCrmWebhooks(CrmWebhooks.Route.PER_APP)));
            beans.registerBean("fakeBasicProvider", FakeCrmProvider.class, () -> new FakeCrmProvider(crm,
                    BASIC, new FakeCrmWebhooks(CrmWebhooks.Route.PER_CONNECTION)));
            beans.registerBean("testWebhookCredentials", WebhookCredentialSource.class,
                    () -> connectionId -> Optional.of(new WebhookAccounts.WebhookCredentials(
                            Long.toString(connectionId), WEBHOOK_PASSWORD)),
                    definition -> definition.setPrimary(true));
        });
    }

    /**
     * A replica of the service as it runs: contact-sync's real-time apply, the real CRMs' webhooks with their sealed
     * credentials, the outbound listener and the webhook registrations, tuned fast as {@link #start} is, {@code extra}
     * on top (e.g. {@code crmsync.serve.port} and {@code public-url}, the sandbox's HubSpot client secret).
     */
    static ServeReplica startService(TestDatabase.Database db, Path keyset, String name, Map<String, Object> extra) {
        return start(db, keyset, name, null, extra, ctx -> {
        });
    }

    private static ServeReplica start(TestDatabase.Database db, Path keyset, String name,
                                      @Nullable RecordingInbound inbound, Map<String, Object> extra,
                                      ApplicationContextInitializer<ConfigurableApplicationContext> beans) {
        Map<String, Object> properties = new LinkedHashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", keyset.toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        properties.put("crmsync.serve.enabled", "true");
        properties.put("crmsync.serve.port", "0");
        properties.put("crmsync.serve.hubspot.client-secret", APP_SECRET);
        properties.put("crmsync.serve.max-body-size", MAX_BODY_BYTES + "B");
        properties.put("crmsync.serve.dispatch.scheduler-name", name);
        properties.put("crmsync.serve.dispatch.polling-interval", "200ms");
        properties.put("crmsync.serve.dispatch.sweep-interval", "1s");
        properties.put("crmsync.serve.dispatch.lease-retry", "300ms");
        properties.put("crmsync.serve.dispatch.backoff-base", "200ms");
        properties.put("crmsync.serve.dispatch.heartbeat-interval", "300ms");
        properties.put("crmsync.serve.dispatch.missed-heartbeats", "4");
        properties.put("crmsync.serve.dispatch.shutdown-max-wait", "2s");
        properties.put("spring.datasource.hikari.pool-name", "serve-" + name);
        properties.putAll(extra);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                .initializers(beans)
                .run(arguments);
        return new ServeReplica(name, inbound, context);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a delivery of the signed fake CRM, signed for the URL the replica is called at. */
    HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String path = "/webhooks/" + SIGNED.id();
        return post(path, Map.of(FakeCrmWebhooks.SIGNATURE,
                FakeCrmWebhooks.sign(APP_SECRET, "POST", uri(path).toString(), bytes)), bytes);
    }

    @Override
    public void close() {
        context.close();
    }
}
