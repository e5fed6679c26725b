package com.penguinmails.crmsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {

    @Test
    void quotaGaugesFollowTheLastReportAndApiCallsAddUp() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SyncMetrics metrics = new SyncMetrics(registry);
        var connection = new SyncMetrics.ConnectionTags("acme", "hubspot", 7);

        metrics.apiUsage(connection, 10, 1, 1000L, 990L);
        metrics.apiUsage(connection, 5, 0, 1000L, 985L);
        metrics.apiUsage(connection, 2, 2, null, null);

        assertThat(registry.get(MeterNames.API_CALLS).tag("connection", "7").counter().count()).isEqualTo(17);
        assertThat(registry.get(MeterNames.API_RATE_LIMITED).tag("connection", "7").counter().count()).isEqualTo(3);
        assertThat(registry.get(MeterNames.API_QUOTA_REMAINING).tag("connection", "7").gauge().value())
                .isEqualTo(985);
        assertThat(registry.get(MeterNames.API_QUOTA_LIMIT).tag("tenant", "acme").gauge().value()).isEqualTo(1000);
    }

    @Test
    void prometheusGetsEverySeriesNamedInMeterNamesFromTheFacade() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SyncMetrics metrics = new SyncMetrics(registry);
        var connection = new SyncMetrics.ConnectionTags("acme", "hubspot", 7);

        metrics.records(connection, "in", 1, 1, 1);
        metrics.partitionEnded(connection, "contact-sync", "contactInboundConnectionStep", true, Duration.ofSeconds(1));
        metrics.jobEnded("contact-sync", "COMPLETED", Duration.ofSeconds(2));
        metrics.problem(connection, "error", "the CRM refused it: x");
        metrics.apiUsage(connection, 3, 1, 100L, 97L);
        metrics.oauthRefresh("hubspot", "refreshed");
        metrics.eventLatency(connection, Duration.ofSeconds(30));
        metrics.noticeApplied(connection, Duration.ofSeconds(2));
        String scrape = registry.scrape();

        // the connection gauges are crm-sync serve's (serve/ConnectionGauges, PrometheusEndpointIT)
        assertThat(MeterNames.PROMETHEUS_SERIES.stream().filter(name -> !name.startsWith("crmsync_connection_")))
                .isNotEmpty().allSatisfy(name -> assertThat(scrape).contains("\n" + name + "{"));
    }
}
