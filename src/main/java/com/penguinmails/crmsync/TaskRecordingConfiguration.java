package com.penguinmails.crmsync;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.task.configuration.EnableTask;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @EnableTask}, for the commands that run jobs: each such invocation is recorded as a Spring Cloud Task
 * execution (name, start, end, exit code), linked to the job executions it launched. The CLI sets
 * {@code spring.cloud.task.autoconfiguration.enabled=true} for {@code run}, {@code restart} and {@code demo};
 * listings leave it off so that reading never writes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.task.autoconfiguration.enabled", havingValue = "true")
@EnableTask
class TaskRecordingConfiguration {
}
