package com.penguinmails.crmsync.serve;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Takes the replica out of readiness as soon as it starts shutting down (before in-flight requests and micro-batches
 * finish), so the Service stops routing webhooks to it.
 */
@Component
@ConditionalOnServe
class ReadinessOnShutdown implements ApplicationListener<ContextClosedEvent> {

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
    }
}
