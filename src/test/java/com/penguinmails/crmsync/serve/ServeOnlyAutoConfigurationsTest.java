package com.penguinmails.crmsync.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServeOnlyAutoConfigurationsTest {

    private static final String[] CANDIDATES = {
            "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
            "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"};

    @Test
    void aCommandOtherThanServeGetsNoActuatorHealthMetricsOrObservation() {
        // given
        ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
        filter.setEnvironment(new MockEnvironment());

        // when / then
        assertThat(filter.match(CANDIDATES, null)).containsExactly(false, false, false, false, false, false, true,
                true);
    }

    @Test
    void serveGetsThemAll() {
        // given
        ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
        filter.setEnvironment(new MockEnvironment().withProperty("crmsync.serve.enabled", "true"));

        // when / then
        assertThat(filter.match(CANDIDATES, null)).containsOnly(true);
    }
}
