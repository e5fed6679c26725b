package com.penguinmails.crmsync.serve;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves actuator, health, metrics, observation, security (the API's JWTs), OpenAPI and template (the console)
 * auto-configuration to {@code crm-sync serve}: every other command
 * (a job run, a listing) starts as it did before the service's dependencies came, and a batch run's chunks are not
 * observed. Registered in {@code META-INF/spring.factories}.
 */
public final class ServeOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> SERVE_ONLY_PREFIXES = List.of("org.springframework.boot.actuate.",
            "org.springframework.boot.health.", "org.springframework.boot.micrometer.",
            "org.springframework.boot.security.", "org.springdoc.", "org.springframework.boot.thymeleaf.");
    private static final List<String> SERVE_ONLY_PACKAGES = List.of(".actuate.", ".health.", ".metrics.",
            ".observation.");

    private boolean serving;

    @Override
    public void setEnvironment(Environment environment) {
        serving = environment.getProperty("crmsync.serve.enabled", Boolean.class, false);
    }

    @Override
    public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            matches[i] = serving || name == null || !serveOnly(name);
        }
        return matches;
    }

    /** Whether an auto-configuration is of the service's kind (actuator, health, metrics, observation). */
    static boolean serveOnly(String autoConfiguration) {
        return SERVE_ONLY_PREFIXES.stream().anyMatch(autoConfiguration::startsWith)
                || SERVE_ONLY_PACKAGES.stream().anyMatch(autoConfiguration::contains)
                || autoConfiguration.endsWith("ObservationAutoConfiguration")
                || autoConfiguration.endsWith("EndpointAutoConfiguration");
    }
}
