package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.CrmSyncApplication;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * The Spring application context of one CLI invocation, started on first use with the properties the command line
 * set (database location, debug logging, whether to record a task execution), and closed when the command ends.
 */
public final class SpringSession implements AutoCloseable {

    private final Map<String, Object> properties = new HashMap<>();
    private @Nullable ConfigurableApplicationContext context;

    SpringSession(Map<String, Object> properties) {
        this.properties.putAll(properties);
    }

    /** Sets a property; only before the context has started. */
    void property(String name, Object value) {
        if (context != null) {
            throw new IllegalStateException("the application has started already");
        }
        properties.put(name, value);
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public ConfigurableApplicationContext context() {
        if (context == null) {
            try {
                context = new SpringApplicationBuilder(CrmSyncApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties(properties)
                        .run();
            } catch (RuntimeException e) {
                Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
                if (isDatabaseFailure(e)) {
                    Object url = properties.getOrDefault("spring.datasource.url",
                            System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "(embedded PostgreSQL)"));
                    throw new DatabaseUnavailableException("cannot use the database " + withoutSecrets(url.toString())
                            + ": " + cause.getMessage(), e);
                }
                throw e;
            }
        }
        return context;
    }

    /** Records a job-running command as a Spring Cloud Task execution; call before the context starts. */
    void recordTask(String taskName) {
        property("spring.cloud.task.autoconfiguration.enabled", "true");
        property("spring.cloud.task.name", taskName);
    }

    /** Closes the context, publishing the command's exit code (Spring Cloud Task records it). */
    void close(int exitCode) {
        if (context != null) {
            ConfigurableApplicationContext closing = context;
            context = null;
            SpringApplication.exit(closing, () -> exitCode);
        }
    }

    @Override
    public void close() {
        close(0);
    }

    /** A JDBC URL without its query string, which may carry a password. */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof ConnectException
                    || t.getClass().getName().startsWith("org.flywaydb")
                    || t.getClass().getName().startsWith("io.zonky")) {
                return true;
            }
        }
        return false;
    }
}
