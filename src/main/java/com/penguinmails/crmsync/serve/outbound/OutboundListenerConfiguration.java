package com.penguinmails.crmsync.serve.outbound;

import com.penguinmails.crmsync.job.contactpush.RealtimeContactPush;
import com.penguinmails.crmsync.job.engagementsync.RealtimeEngagement;
import com.penguinmails.crmsync.job.support.RunLocks;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound listener's beans: the listener itself in every context (started by hand, e.g. by a test), and where the
 * application is the web service ({@code crm-sync serve}) with {@code crmsync.serve.outbound.enabled} (the default),
 * its start with the context and its graceful stop before the context closes. The CLI's other commands never start it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundListenerConfiguration {

    @Bean
    public OutboundListener outboundListener(DataSource dataSource, RunLocks runLocks, RealtimeEngagement engagement,
                                             RealtimeContactPush realtimeContactPush, OutboundProperties properties) {
        return new OutboundListener(dataSource, runLocks, engagement, realtimeContactPush, properties);
    }

    @Bean
    @ConditionalOnServe
    @ConditionalOnProperty(name = "crmsync.serve.outbound.enabled", havingValue = "true", matchIfMissing = true)
    public SmartLifecycle outboundListenerLifecycle(OutboundListener outboundListener) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                outboundListener.start();
            }

            @Override
            public void stop() {
                outboundListener.stop();
            }

            @Override
            public boolean isRunning() {
                return outboundListener.isRunning();
            }
        };
    }
}
