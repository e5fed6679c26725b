package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.CrmSyncApplication;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The Spring application context of one CLI invocation, started on first use with the properties the command line
 * set (database location, debug logging, whether to record a task execution), and closed when the command ends.
 */
public final class SpringSession implements AutoCloseable {

    private final Map<String, Object> properties = new HashMap<>();
    private @Nullable ConfigurableApplicationContext context;
    private WebApplicationType webApplicationType = WebApplicationType.NONE;

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

    /** Starts a servlet web server with the context ({@code serve} only); only before the context has started. */
    void servlet() {
        if (context != null) {
            throw new IllegalStateException("the application has started already");
        }
        webApplicationType = WebApplicationType.SERVLET;
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public ConfigurableApplicationContext context() {
        if (context == null) {
            try {
                context = new SpringApplicationBuilder(CrmSyncApplication.class)
                        .web(webApplicationType)
                        .run(arguments(properties));
            } catch (RuntimeException e) {
                if (isDatabaseFailure(e)) {
                    Object url = properties.getOrDefault("spring.datasource.url",
                            System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "(embedded PostgreSQL)"));
                    throw new DatabaseUnavailableException("cannot use the database " + withoutSecrets(url.toString())
                            + ": " + reason(e), e);
                }
                throw e;
            }
        }
        return context;
    }

    /**
     * Starts {@code crm-sync serve} in this process beside this session's context (the demo): a second context with
     * the same settings (database, whose embedded server it attaches to, keyset, logging) but no task recording, a
     * servlet web server, {@code crmsync.serve.enabled} and {@code extra}. The caller closes it.
     */
    ConfigurableApplicationContext startService(Map<String, Object> extra) {
        Map<String, Object> service = new HashMap<>(properties);
        service.keySet().removeIf(name -> name.startsWith("spring.cloud.task."));
        service.put("crmsync.serve.enabled", "true");
        service.putAll(extra);
        return new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                .run(arguments(service));
    }

    /** As command-line arguments, properties outrank application.yml (default properties would not). */
    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
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
            if (closing.isActive()) { // not when a shutdown hook (SIGTERM to 'serve') closed it already
                SpringApplication.exit(closing, () -> exitCode);
            }
        }
    }

    @Override
    public void close() {
        close(0);
    }

    /**
     * What went wrong, for a person: the first cause that is not Spring's bean-creation wrapping, and the root cause
     * when that adds something (e.g. "cannot use the embedded PostgreSQL data directory X: Permission denied").
     */
    static String reason(Throwable e) {
        Throwable first = e;
        while (first instanceof BeansException && first.getCause() != null) {
            first = first.getCause();
        }
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = firstLine(first.getMessage());
        String rootMessage = firstLine(root.getMessage());
        return root == first || message.contains(rootMessage) ? message : message + ": " + rootMessage;
    }

    /** The first non-blank line: Flyway and the JDBC driver write several (SQL state, error code, a rule). */
    private static String firstLine(@Nullable String message) {
        return String.valueOf(message).lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** A JDBC URL without its query string, which may carry a password. */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof ConnectException
                    || t instanceof DataAccessResourceFailureException
                    || t.getClass().getName().startsWith("org.flywaydb")
                    || t.getClass().getName().startsWith("io.zonky")) {
                return true;
            }
        }
        return false;
    }
}
