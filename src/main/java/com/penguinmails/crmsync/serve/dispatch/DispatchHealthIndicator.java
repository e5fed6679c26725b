package com.penguinmails.crmsync.serve.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Health contributor {@code dispatch} (part of readiness): up while this replica applies change notices. */
final class DispatchHealthIndicator implements HealthIndicator {

    private final DispatchScheduler scheduler;

    DispatchHealthIndicator(DispatchScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        return scheduler.dispatching() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "dispatch is not running").build();
    }
}
