package com.penguinmails.crmsync.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a batch run's meters to a Prometheus Pushgateway when the run ends (completed or failed): job label = the
 * job's name, grouped by {@code instance} (the pod's name), text format, replacing what that group pushed before. A
 * Pushgateway that cannot be reached costs the run one warning line, never its outcome.
 */
public final class PushgatewayPublisher {

    private static final Logger log = LoggerFactory.getLogger(PushgatewayPublisher.class);

    private final PrometheusMeterRegistry registry;
    private final URI url;
    private final String instance;

    /**
     * @param url      the Pushgateway's base URL ({@code http://pushgateway.monitoring:9091})
     * @param instance the grouping key {@code instance}: the pod (host) name
     */
    public PushgatewayPublisher(PrometheusMeterRegistry registry, URI url, String instance) {
        if (url.getHost() == null || url.getScheme() == null) {
            throw new IllegalArgumentException("crmsync.metrics.pushgateway-url: '" + url
                    + "' is not an http(s) URL with a host");
        }
        this.registry = registry;
        this.url = url;
        this.instance = instance;
    }

    /** Pushes every meter of this process under {@code job}. */
    public void push(String job) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        try {
            PushGateway.builder()
                    .scheme(Scheme.fromString(url.getScheme()))
                    .address(url.getHost() + ":" + port)
                    .job(job)
                    .groupingKey("instance", instance)
                    .format(Format.PROMETHEUS_TEXT)
                    .registry(registry.getPrometheusRegistry())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .readTimeout(Duration.ofSeconds(10))
                    .build()
                    .push();
        } catch (IOException | RuntimeException e) {
            log.warn("could not push the run's metrics to the Pushgateway at {}: {}", url, e.getMessage());
        }
    }
}
