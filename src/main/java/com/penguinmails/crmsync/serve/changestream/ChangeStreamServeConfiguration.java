package com.penguinmails.crmsync.serve.changestream;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.dispatch.NoticeDispatch;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In {@code crm-sync serve}: the change streams start with the service (after dispatch is ready) and stop before it,
 * and every batch of notices they store is dispatched at once rather than at the next sweep.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnServe
class ChangeStreamServeConfiguration {

    @Bean
    SmartLifecycle changeStreamLifecycle(ChangeStreamRunner runner, NoticeDispatch dispatch) {
        runner.afterStore(connectionId -> dispatch.schedule(List.of(connectionId)));
        return new SmartLifecycle() {
            @Override
            public void start() {
                runner.start();
            }

            @Override
            public void stop() {
                runner.stop();
            }

            @Override
            public boolean isRunning() {
                return runner.isStarted();
            }
        };
    }
}
