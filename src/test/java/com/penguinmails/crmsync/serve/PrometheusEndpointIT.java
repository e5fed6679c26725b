package com.penguinmails.crmsync.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.metrics.SyncMetrics;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A running {@code crm-sync serve} lists its meters at {@code /actuator/prometheus} (no token): the per-connection
 * state it reads from the database (status, lag, failed runs) and what the sync records through {@link SyncMetrics}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndpointIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServeApp app;
    private long active;
    private long authFailed;

    @BeforeAll
    void start() {
        app = ServeApp.start(TestDatabase.create("prometheus-endpoint"),
                Map.of("crmsync.metrics.connection-gauges-interval", "200ms"));
        JdbcClient jdbc = app.bean(JdbcClient.class);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        active = jdbc.sql("""
                INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, settings, created_at)
                VALUES ('acme', 'hubspot', 'hub-1', '{"syncFrequency": "15m"}', now() - interval '1 hour')
                RETURNING id""").query(Long.class).single();
        authFailed = jdbc.sql("""
                INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, status)
                VALUES ('acme', 'pipedrive', 'acme-co', 'auth_failed') RETURNING id""").query(Long.class).single();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private String scrape() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            // as Prometheus asks (ServeApp's own calls accept JSON only)
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.uri("/actuator/prometheus"))
                    .header("Accept", "text/plain;version=0.0.4").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            if (response.body().contains("connection=\"" + authFailed + "\"") || System.nanoTime() > deadline) {
                return response.body();
            }
            Thread.sleep(100);
        }
    }

    @Test
    void theEndpointListsEveryConnectionsStatusLagAndFailedRunsFromTheDatabase() throws Exception {
        String body = scrape();

        assertThat(body).contains("crmsync_connection_status{connection=\"" + authFailed
                + "\",crm=\"pipedrive\",status=\"auth_failed\",tenant=\"acme\"} 1");
        assertThat(body).contains("crmsync_connection_status{connection=\"" + active
                + "\",crm=\"hubspot\",status=\"active\",tenant=\"acme\"} 1");
        // created an hour ago, never synced, due every 15 minutes: about 45 minutes behind
        String lag = body.lines().filter(l -> l.startsWith("crmsync_connection_lag_seconds{connection=\"" + active
                + "\"")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(lag.substring(lag.lastIndexOf(' ') + 1))).isBetween(2600.0, 2800.0);
        assertThat(body).contains("crmsync_connection_failed_runs{connection=\"" + active
                + "\",crm=\"hubspot\",tenant=\"acme\"} 0");
    }

    @Test
    void whatTheSyncRecordsThroughSyncMetricsIsScrapedToo() throws Exception {
        app.bean(SyncMetrics.class).records(new SyncMetrics.ConnectionTags("acme", "hubspot", active), "out", 3,
                0, 1);

        long notice = app.bean(JdbcClient.class).sql("""
                INSERT INTO crm_sync.change_notices (connection_id, event_id, object_type, change, record_id,
                                                     occurred_at, received_at)
                VALUES (:connection, 'e-1', 'CONTACT', 'UPSERTED', '101', now(), now() - interval '3 seconds')
                RETURNING id""").param("connection", active).query(Long.class).single();
        app.bean(com.penguinmails.crmsync.store.ChangeNoticeStore.class).markApplied(java.util.List.of(notice));

        String body = scrape();

        assertThat(body).contains("crmsync_notice_latency_seconds_count{connection=\"" + active
                + "\",crm=\"hubspot\",tenant=\"acme\"} 1");
        assertThat(body).contains("crmsync_records_total{connection=\"" + active
                + "\",crm=\"hubspot\",direction=\"out\",outcome=\"written\",tenant=\"acme\"} 3");
        assertThat(body).contains("crmsync_records_total{connection=\"" + active
                + "\",crm=\"hubspot\",direction=\"out\",outcome=\"failed\",tenant=\"acme\"} 1");
    }
}
