/**
 * The suite's Micrometer meters ({@code crmsync.*}, tagged by tenant, CRM and connection ids, never personal data):
 * {@link com.penguinmails.crmsync.metrics.SyncMetrics} is the one facade the jobs, the connectors and the service
 * record through; {@code crm-sync serve} exposes them at {@code /actuator/prometheus}, a batch command pushes them to
 * a Prometheus Pushgateway at the end of its run when {@code CRMSYNC_METRICS_PUSHGATEWAY_URL} is set, and otherwise
 * keeps them in a {@code SimpleMeterRegistry} nobody reads.
 */
@NullMarked
package com.penguinmails.crmsync.metrics;

import org.jspecify.annotations.NullMarked;
