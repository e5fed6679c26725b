package com.penguinmails.crmsync.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A batch command (not {@code crm-sync serve}, which Prometheus scrapes) with a Pushgateway set
 * ({@code crmsync.metrics.pushgateway-url}, env {@code CRMSYNC_METRICS_PUSHGATEWAY_URL}) keeps its meters in a
 * Prometheus registry and pushes them at the end of each run; without one, metrics auto-configuration stays out of
 * batch commands ({@code serve.ServeOnlyAutoConfigurations}) and {@link SyncMetrics} counts in memory only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${crmsync.metrics.pushgateway-url:}' != '' and !${crmsync.serve.enabled:false}")
public class PushgatewayConfiguration {

    @Bean
    public PrometheusMeterRegistry pushedMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    public PushgatewayPublisher pushgatewayPublisher(PrometheusMeterRegistry pushedMeterRegistry,
                                                     @Value("${crmsync.metrics.pushgateway-url}") URI url,
                                                     @Value("${crmsync.metrics.instance:}") String instance) {
        return new PushgatewayPublisher(pushedMeterRegistry, url, instance.isBlank() ? hostName() : instance);
    }

    private static String hostName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
